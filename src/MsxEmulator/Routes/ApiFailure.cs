namespace MsxEmulator.Routes;

/// <summary>A request that cannot be served; the status and the spec's Error body say why.</summary>
public sealed class ApiFailure(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    public static ApiFailure BadRequest(string message) => new(StatusCodes.Status400BadRequest, Responses.BadRequest, message);
}
