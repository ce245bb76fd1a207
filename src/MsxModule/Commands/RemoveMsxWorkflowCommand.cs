using System;
using System.Management.Automation;
using MsxPowerShell.Client.Models;
using MsxPowerShell.Client.Resources;
using MsxPowerShell.Session;

namespace MsxPowerShell.Commands;

/// <summary>Deletes workflows (and their finished instances), by id or from the pipeline. Asks first unless -Force.</summary>
[Cmdlet(VerbsCommon.Remove, "MsxWorkflow", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.Base + "Remove-MsxWorkflow.md")]
[OutputType(typeof(MsxWorkflow))]
public sealed class RemoveMsxWorkflowCommand : MsxChangeCmdlet
{
    private const string IdSet = "Id";
    private const string InputObjectSet = "InputObject";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(WorkflowCompleter))]
    public string[] Id { get; set; } = Array.Empty<string>();

    /// <summary>Workflows from Get-MsxWorkflow or Import-MsxWorkflow: removed through the session they were read with.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public MsxWorkflow[] InputObject { get; set; } = Array.Empty<MsxWorkflow>();

    /// <summary>Removes without asking (still honours -WhatIf and an explicit -Confirm).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Writes each removed workflow to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override bool Forced => Force;

    protected override void ProcessRecord()
    {
        if (ParameterSetName == InputObjectSet)
        {
            foreach (var workflow in InputObject)
            {
                Remove(SessionFor(workflow), workflow.Id, WorkflowResource.Declaration.Describe(workflow), workflow);
            }

            return;
        }

        foreach (var id in Id)
        {
            Remove(CurrentSession, id, $"Workflow {id}", null);
        }
    }

    private void Remove(MsxSession session, string id, string description, MsxWorkflow? known) =>
        Submit(session, (object?)known ?? id, description, "Remove", async (client, ct) =>
        {
            var removed = PassThru && known is null ? await client.GetWorkflowAsync(id, ct).ConfigureAwait(false) : known;
            await client.DeleteWorkflowAsync(id, ct).ConfigureAwait(false);
            return PassThru ? removed : null;
        });
}
