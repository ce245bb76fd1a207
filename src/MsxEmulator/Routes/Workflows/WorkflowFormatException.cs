namespace MsxEmulator.Data;

/// <summary>A workflow definition that breaks a rule; the message starts with the offending field.</summary>
public sealed class WorkflowFormatException(string message) : Exception(message);
