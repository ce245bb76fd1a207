using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace MsxPowerShell.Tests;

/// <summary>A host whose user answers every confirmation prompt with Yes, and counts the prompts.</summary>
internal sealed class AnsweringHost : PSHost
{
    private readonly AnsweringUserInterface _ui = new();

    public int Prompts => _ui.Prompts;

    public IReadOnlyList<string> Captions => _ui.Captions;

    /// <summary>The warnings written to the host itself (after Ctrl+C the pipeline's streams take no more).</summary>
    public IReadOnlyList<string> Warnings => _ui.Warnings;

    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;

    public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;

    public override Guid InstanceId { get; } = Guid.NewGuid();

    public override string Name => nameof(AnsweringHost);

    public override PSHostUserInterface UI => _ui;

    public override Version Version => new(1, 0);

    public override void EnterNestedPrompt() => throw new NotSupportedException();

    public override void ExitNestedPrompt() => throw new NotSupportedException();

    public override void NotifyBeginApplication()
    {
    }

    public override void NotifyEndApplication()
    {
    }

    public override void SetShouldExit(int exitCode)
    {
    }

    private sealed class AnsweringUserInterface : PSHostUserInterface
    {
        private readonly List<string> _captions = new();
        private readonly List<string> _warnings = new();
        private int _prompts;

        public int Prompts => _prompts;

        public IReadOnlyList<string> Captions
        {
            get
            {
                lock (_captions)
                {
                    return _captions.ToArray();
                }
            }
        }

        public IReadOnlyList<string> Warnings
        {
            get
            {
                lock (_warnings)
                {
                    return _warnings.ToArray();
                }
            }
        }

        public override PSHostRawUserInterface? RawUI => null;

        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
        {
            Interlocked.Increment(ref _prompts);
            lock (_captions)
            {
                _captions.Add(message);
            }

            return 0; // "Yes"
        }

        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) => throw new NotSupportedException();

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException();

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException();

        public override string ReadLine() => string.Empty;

        public override SecureString ReadLineAsSecureString() => new();

        public override void Write(string value)
        {
        }

        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value)
        {
        }

        public override void WriteDebugLine(string message)
        {
        }

        public override void WriteErrorLine(string value)
        {
        }

        public override void WriteLine(string value)
        {
        }

        public override void WriteProgress(long sourceId, ProgressRecord record)
        {
        }

        public override void WriteVerboseLine(string message)
        {
        }

        public override void WriteWarningLine(string message)
        {
            lock (_warnings)
            {
                _warnings.Add(message);
            }
        }
    }
}
