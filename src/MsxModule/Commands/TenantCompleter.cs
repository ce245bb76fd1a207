using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using MsxPowerShell.Client;
using MsxPowerShell.Client.Models;
using MsxPowerShell.Session;

namespace MsxPowerShell.Commands;

/// <summary>
/// Completes tenant names and ids from the session (the -Session being typed, else the default). Quiet by
/// design: a short timeout, a small cache, and never an error on the console.
/// </summary>
public sealed class TenantCompleter : IArgumentCompleter
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);
    private static readonly object Gate = new();
    private static (MsxSession Session, DateTime At, IReadOnlyList<MsxTenant> Tenants)? _cache;

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var session = (fakeBoundParameters?["Session"] is PSObject wrapped ? wrapped.BaseObject : fakeBoundParameters?["Session"]) as MsxSession ?? MsxSessionStore.Default;
        if (session is null || !session.Connected)
        {
            return Array.Empty<CompletionResult>();
        }

        var word = (wordToComplete ?? string.Empty).Trim('\'', '"');
        var byName = parameterName.Equals("Name", StringComparison.OrdinalIgnoreCase);
        return Tenants(session)
            .Where(t => byName
                ? t.Name.StartsWith(word, StringComparison.OrdinalIgnoreCase)
                : t.Id.ToString().StartsWith(word, StringComparison.OrdinalIgnoreCase) || t.Name.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            .Take(100)
            .Select(t => byName
                ? new CompletionResult(Quote(t.Name), t.Name, CompletionResultType.ParameterValue, $"{t.Name} ({t.Id})")
                : new CompletionResult(t.Id.ToString(), $"{t.Id} {t.Name}", CompletionResultType.ParameterValue, t.Name))
            .ToList();
    }

    private static IReadOnlyList<MsxTenant> Tenants(MsxSession session)
    {
        lock (Gate)
        {
            if (_cache is { } cached && ReferenceEquals(cached.Session, session) && DateTime.UtcNow - cached.At < CacheLifetime)
            {
                return cached.Tenants;
            }
        }

        try
        {
            using var timeout = new CancellationTokenSource(Timeout);
            var pager = new TenantPager(session.Client, new TenantQuery { SortBy = "name", PageSize = TenantPager.MaximumPageSize, First = TenantPager.MaximumPageSize });
            var previous = MsxDiagnostics.Sink;
            MsxDiagnostics.Sink = null;
            IReadOnlyList<MsxTenant> tenants;
            try
            {
                tenants = pager.NextPageAsync(timeout.Token).GetAwaiter().GetResult() ?? Array.Empty<MsxTenant>();
            }
            finally
            {
                MsxDiagnostics.Sink = previous;
            }

            lock (Gate)
            {
                _cache = (session, DateTime.UtcNow, tenants);
            }

            return tenants;
        }
        catch (Exception ex) when (ex is MsxApiException or OperationCanceledException or ObjectDisposedException)
        {
            // Completion must never disturb the console: no tenants to offer is the quiet answer.
            return Array.Empty<MsxTenant>();
        }
    }

    private static string Quote(string name) =>
        name.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', '(', ')', ';', ',', '{', '}', '@', '#', '&', '|' }) >= 0
            ? "'" + name.Replace("'", "''") + "'"
            : name;
}
