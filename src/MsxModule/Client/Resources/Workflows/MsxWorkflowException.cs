namespace MsxPowerShell.Client;

/// <summary>A workflow instance that did not succeed (it failed, was cancelled, or was still running when the wait ended).</summary>
[Serializable]
public sealed class MsxWorkflowException : Exception
{
    public MsxWorkflowException()
    {
    }

    public MsxWorkflowException(string message)
        : base(message)
    {
    }

    public MsxWorkflowException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MsxWorkflowException(string message, MsxWorkflowInstance instance)
        : base(message)
    {
        Instance = instance;
    }

    /// <summary>The instance as last read: its State, Actions (with the failing action's message) and Outputs.</summary>
    [field: NonSerialized]
    public MsxWorkflowInstance? Instance { get; }
}
