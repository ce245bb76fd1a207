namespace MsxEmulator.Json;

/// <summary>The spec's <c>Error</c> body.</summary>
public sealed record ErrorBody(string Code, string Message);
