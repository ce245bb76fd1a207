namespace MsxPowerShell.Client.Resources;

/// <summary>
/// A settable field of a resource, declared once beside it: the parameter that sets it, its JSON name in the
/// create and update bodies, the spec's rules for it there (read from the spec at build time, see
/// <see cref="SpecCatalog.RequestFields"/>), how an empty value clears it, and the ErrorId of a value the rules
/// refuse (<c>MsxInvalid&lt;Noun&gt;&lt;Field&gt;</c> unless an older one is kept).
/// </summary>
public sealed class MsxField
{
    public MsxField(string noun, string parameter, string jsonName, string updateSchema)
    {
        Parameter = parameter;
        JsonName = jsonName;
        Update = SpecField.Of(updateSchema, jsonName);
        ErrorId = $"MsxInvalid{noun}{parameter}";
    }

    /// <summary>The cmdlet parameter (FirstName).</summary>
    public string Parameter { get; }

    /// <summary>The name in the bodies (firstName).</summary>
    public string JsonName { get; }

    /// <summary>The field's rules in the update schema.</summary>
    public SpecField Update { get; }

    /// <summary>The ErrorId of a value the rules refuse; the value is the target.</summary>
    public string ErrorId { get; set; }

    /// <summary>The ErrorId of an empty value for a field that cannot be cleared (the spec requires it); ErrorId unless set.</summary>
    public string? BlankErrorId { get; set; }

    /// <summary>
    /// What is wrong with a value given for an update, or null when it may be sent: an empty text clears the
    /// field, which a required field refuses (as it does a blank one); else the spec's length, pattern and enum
    /// rules, and its format through <paramref name="format"/> (the caller's reading of e.g. email).
    /// </summary>
    public (string ErrorId, string Problem)? ProblemOf(string value, Func<string, string, string?>? format)
    {
        if (Update.Required && string.IsNullOrWhiteSpace(value))
        {
            return (BlankErrorId ?? ErrorId, $"{Parameter} is required and cannot be blank or cleared.");
        }

        if (value.Length == 0)
        {
            return null;
        }

        if ((Update.Problem(value) ?? (Update.Format is { } name ? format?.Invoke(name, value) : null)) is { } problem)
        {
            return (ErrorId, problem);
        }

        return null;
    }
}
