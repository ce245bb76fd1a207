using System.Management.Automation;
using MsxPowerShell.Session;

namespace MsxPowerShell.Commands;

/// <summary>
/// Base of the cmdlets that change state: ShouldProcess per change (with -Force where a cmdlet has it), the
/// change run at once. Cmdlets that send one request per pipeline item derive from
/// MsxChangeCmdlet instead, which adds -ThrottleLimit; those that send one request for the
/// whole pipeline (Add-MsxSiteDevice) derive from this one, so that they have no -ThrottleLimit that could
/// not change anything.
/// </summary>
public abstract class MsxShouldProcessCmdlet : MsxSessionCmdlet
{
    /// <summary>True when the cmdlet's -Force should skip the confirmation prompt.</summary>
    protected virtual bool Forced => false;

    /// <summary>
    /// Asks ShouldProcess for one change (naming its target and the server) on the pipeline thread, then runs
    /// <paramref name="work"/>. What the work returns (if not null) is written to the pipeline.
    /// </summary>
    protected void Submit(MsxSession session, object? target, string description, string action, Func<MsxApiClient, CancellationToken, Task<object?>> work)
    {
        if (Confirmed($"{description} on {session.Server}", action))
        {
            Execute(session.Client, target, $"{action} {description}", work);
        }
    }

    /// <summary>
    /// Runs one confirmed change: here, now, a failure reported with <paramref name="target"/>. <paramref name="label"/>
    /// names the change for people ("Create Tenant 'acme'").
    /// </summary>
    private protected virtual void Execute(MsxApiClient client, object? target, string label, Func<MsxApiClient, CancellationToken, Task<object?>> work) =>
        Attempt(target, () => Write(Run(ct => work(client, ct))));

    private protected void Write(object? result)
    {
        if (result is not null)
        {
            WriteObject(result);
        }
    }

    /// <summary>
    /// ShouldProcess, except that -Force skips the prompt. -WhatIf and an explicit -Confirm still win, so a
    /// dry run never changes anything and a script with -Force never hangs on a prompt.
    /// </summary>
    private bool Confirmed(string target, string action)
    {
        var whatIf = MyInvocation.BoundParameters.TryGetValue("WhatIf", out var w) ? ((SwitchParameter)w).IsPresent : GetVariableValue("WhatIfPreference") is true or SwitchParameter { IsPresent: true };
        var confirmAsked = MyInvocation.BoundParameters.TryGetValue("Confirm", out var c) && ((SwitchParameter)c).IsPresent;
        if (Forced && !whatIf && !confirmAsked)
        {
            return true;
        }

        return ShouldProcess(target, action);
    }
}
