namespace MsxPowerShell.Client;

/// <summary>Where a caller wants the client's diagnostic lines to go (a cmdlet sends them to Verbose and Debug).</summary>
public interface IMsxLogSink
{
    /// <summary>False when the caller wants no Verbose or Debug lines (then none are built).</summary>
    bool IsEnabled { get; }

    void Verbose(string message);

    void Debug(string message);

    void Warning(string message);
}

/// <summary>A sink that tells Debug apart from Verbose, so that costly Debug detail (bodies) is built only for Debug.</summary>
public interface IMsxDebugSink : IMsxLogSink
{
    bool IsDebugEnabled { get; }
}

/// <summary>
/// The log sink of the current logical call. It flows with async calls, so a session shared by many
/// threads or runspaces writes each line to the caller that caused it.
/// </summary>
public static class MsxDiagnostics
{
    private static readonly AsyncLocal<IMsxLogSink?> CurrentSink = new();

    public static IMsxLogSink? Sink
    {
        get => CurrentSink.Value;
        set => CurrentSink.Value = value;
    }

    /// <summary>Whether anyone listens for Verbose/Debug lines: check before building an expensive one.</summary>
    internal static bool IsEnabled => CurrentSink.Value is { IsEnabled: true };

    /// <summary>Whether anyone listens for Debug detail (a sink that does not tell Debug apart gets it when enabled).</summary>
    internal static bool IsDebugEnabled => CurrentSink.Value switch
    {
        IMsxDebugSink sink => sink.IsDebugEnabled,
        { IsEnabled: true } => true,
        _ => false,
    };

    internal static void Verbose(string message) => CurrentSink.Value?.Verbose(message);

    internal static void Debug(string message) => CurrentSink.Value?.Debug(message);

    internal static void Warning(string message) => CurrentSink.Value?.Warning(message);
}
