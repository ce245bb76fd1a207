namespace MsxEmulator.State;

public enum WorkflowWriteOutcome
{
    Done,
    NotFound,
    DuplicateUniqueName,
    HasRunningInstances,
    Finished,
    Running,
}
