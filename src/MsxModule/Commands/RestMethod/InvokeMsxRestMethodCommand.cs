using System.Collections;
using System.Management.Automation;
using System.Net.Http;
using System.Text;
using System.Text.Json;

namespace MsxPowerShell.Commands;

/// <summary>
/// Calls any MSX endpoint through a session: its token and renewal, retries (never of a POST), redaction,
/// timeout, TLS and proxy settings. JSON answers become objects, as with Invoke-RestMethod.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "MsxRestMethod", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, SupportsPaging = true, HelpUri = HelpLinks.Base + "Invoke-MsxRestMethod.md")]
[OutputType(typeof(PSObject), typeof(string))]
public sealed class InvokeMsxRestMethodCommand : MsxGetCmdlet
{
    private const int AllPageSize = 1000;

    /// <summary>The path relative to the server (<c>/manage/api/v8/devices</c>), or an absolute URL on the session's own server.</summary>
    /// <remarks>A blank or null path is refused by the client's path builder (MsxInvalidPath), as every other unusable path is.</remarks>
    [Parameter(Mandatory = true, Position = 0)]
    [Alias("Uri")]
    [AllowEmptyString]
    [AllowNull]
    [ArgumentCompleter(typeof(SpecPathCompleter))]
    public string Path { get; set; } = null!;

    [Parameter(Position = 1)]
    [ValidateHttpMethod]
    [ArgumentCompleter(typeof(SpecMethodCompleter))]
    public string Method { get; set; } = "GET";

    /// <summary>Query parameters; an array value repeats the key (<c>ids=a&amp;ids=b</c>); values are URL-escaped.</summary>
    [Parameter]
    public IDictionary? Query { get; set; }

    /// <summary>A hashtable or object is sent as JSON; a string is sent as it is.</summary>
    [Parameter(ValueFromPipeline = true)]
    public object? Body { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string ContentType { get; set; } = "application/json";

    /// <summary>Writes the body text as it came, unparsed.</summary>
    [Parameter]
    public SwitchParameter Raw { get; set; }

    /// <summary>For an MSX page (contents + hasNext): asks page 0, 1, … and streams every item.</summary>
    [Parameter]
    public SwitchParameter All { get; set; }

    protected override void ProcessRecord()
    {
        var session = CurrentSession;
        var method = new HttpMethod(Method.ToUpperInvariant());
        var path = ServerPath(session.Client);
        var query = new QueryString();
        if (Query is not null)
        {
            foreach (DictionaryEntry entry in Query)
            {
                query.Add(Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty, QueryValue(entry.Value));
            }
        }

        // The body is checked before anything is asked or sent, so that -WhatIf shows a refusal too.
        var body = Body is null ? null : EncodeBody(Unwrap(Body));
        var description = $"{method} {session.Client.ToRequestUri(query.AppendTo(path))}";
        var reads = method == HttpMethod.Get || method == HttpMethod.Head;
        if (!reads && !ShouldProcess(description, "Invoke-MsxRestMethod"))
        {
            return;
        }

        if (All)
        {
            if (!reads)
            {
                ThrowTerminatingError(MsxErrors.Invalid("MsxInvalidAll", "-All reads the pages of a listing: use it with GET only.", Method));
            }

            WriteAll(session.Client, path, query);
            return;
        }

        var request = new MsxRequest(method, query.AppendTo(path))
        {
            Body = body,
            ContentType = Body is null ? null : ContentType,
        };
        Attempt(description, () => WriteAnswer(Run(ct => session.Client.SendAsync(request, ct))));
    }

    private void WriteAll(MsxApiClient client, string path, QueryString query)
    {
        var filters = new QueryString();
        int? pageSize = AllPageSize;
        foreach (var pair in query.Pairs)
        {
            if (string.Equals(pair.Key, "pageSize", StringComparison.OrdinalIgnoreCase) && int.TryParse(pair.Value, out var size) && size > 0)
            {
                pageSize = size;
            }
            else if (!string.Equals(pair.Key, "page", StringComparison.OrdinalIgnoreCase))
            {
                filters.Add(pair.Key, pair.Value);
            }
        }

        var resource = client.For(AnyResource.At(path));
        WriteListing(resource, filters, pageSize, project: item => PowerShellJson.ToPowerShell(item.Value), activity: "Invoke-MsxRestMethod");
    }

    private void WriteAnswer(MsxResponse response)
    {
        if (response.Body.Length == 0)
        {
            return;
        }

        if (Raw || !response.IsJson)
        {
            WriteObject(response.Text);
            return;
        }

        using var document = JsonDocument.Parse(response.Body);
        var value = PowerShellJson.ToPowerShell(document.RootElement);
        WriteObject(value, enumerateCollection: document.RootElement.ValueKind == JsonValueKind.Array);
    }

    /// <summary>
    /// The path relative to the server, from the client's one builder of request URIs: a path that would leave
    /// the server, or an absolute URL elsewhere, is refused (MsxForeignServer, MsxInvalidPath) before anything is sent.
    /// </summary>
    private string ServerPath(MsxApiClient client)
    {
        try
        {
            return client.ToServerPath(Path);
        }
        catch (MsxApiException ex)
        {
            ThrowTerminatingError(MsxErrors.FromException(ex, Path));
            throw;
        }
    }

    private byte[] EncodeBody(object? body)
    {
        if (body is string text)
        {
            return Encoding.UTF8.GetBytes(text);
        }

        try
        {
            return PowerShellJson.ToJson(body);
        }
        catch (JsonBodyException ex)
        {
            var record = new ErrorRecord(ex, ex.ErrorId, ErrorCategory.InvalidArgument, Body)
            {
                ErrorDetails = new ErrorDetails(ex.Message) { RecommendedAction = ex.Recommendation },
            };
            ThrowTerminatingError(record);
            throw;
        }
    }

    /// <summary>A query value as text (arrays element by element), written as the JSON of the spec would: true, not True.</summary>
    private static object? QueryValue(object? value)
    {
        value = Unwrap(value);
        if (value is IEnumerable many and not string)
        {
            var items = new System.Collections.Generic.List<object?>();
            foreach (var item in many)
            {
                items.Add(QueryValue(item));
            }

            return items;
        }

        return value is PSObject wrapped ? wrapped.ToString() : value;
    }

    private static object? Unwrap(object? value) => value is PSObject { BaseObject: not PSCustomObject } wrapped ? wrapped.BaseObject : value;
}
