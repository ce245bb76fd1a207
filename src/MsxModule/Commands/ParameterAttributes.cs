using System.Collections;
using System.Management.Automation;
using System.Net.Mail;

namespace MsxPowerShell.Commands;

/// <summary>Turns an empty or blank string into null, so that an empty CSV column means "not given".</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class EmptyAsNullAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        return value is string text && string.IsNullOrWhiteSpace(text) ? null : inputData;
    }
}

/// <summary>Checks an e-mail address as the spec's TenantCreate/TenantUpdate do (format email, at most 254 characters).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ValidateEmailAttribute : ValidateArgumentsAttribute
{
    public const int MaximumLength = 254;

    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics) =>
        EachString.Check(arguments, email =>
        {
            if (Problem(email) is { } problem)
            {
                throw new ValidationMetadataException(problem);
            }
        });

    /// <summary>What is wrong with an e-mail address, or null when MSX accepts it (an empty one means none).</summary>
    public static string? Problem(string email)
    {
        if (email.Length == 0)
        {
            return null;
        }

        if (email.Length > MaximumLength)
        {
            return $"The e-mail address is {email.Length} characters long; MSX accepts at most {MaximumLength}.";
        }

        return IsValid(email) ? null : $"'{email}' is not a valid e-mail address (expected name@domain).";
    }

    private static bool IsValid(string email)
    {
        if (email.Trim() != email || email.IndexOf('@') <= 0 || email.IndexOf(' ') >= 0)
        {
            return false;
        }

        try
        {
            var address = new MailAddress(email);
            return address.Address == email && address.Host.IndexOf('.') > 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

/// <summary>
/// At most <see cref="MaximumLength"/> characters; unlike ValidateLength, null and empty pass (an empty CSV
/// column means "not given").
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ValidateMaxLengthAttribute : ValidateArgumentsAttribute
{
    public ValidateMaxLengthAttribute(int maximumLength) => MaximumLength = maximumLength;

    public int MaximumLength { get; }

    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics) =>
        EachString.Check(arguments, text =>
        {
            if (Problem(text, MaximumLength) is { } problem)
            {
                throw new ValidationMetadataException(problem);
            }
        });

    public static string? Problem(string text, int maximumLength) =>
        text.Length > maximumLength ? $"The value is {text.Length} characters long; MSX accepts at most {maximumLength}." : null;
}

/// <summary>The spec's externalId format, ^[a-zA-Z0-9-_=]{1,256}$; null and empty pass.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ValidateExternalIdAttribute : ValidateArgumentsAttribute
{
    private static readonly System.Text.RegularExpressions.Regex Format = new("^[a-zA-Z0-9_=-]{1,256}$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics) =>
        EachString.Check(arguments, text =>
        {
            if (Problem(text) is { } problem)
            {
                throw new ValidationMetadataException(problem);
            }
        });

    public static string? Problem(string text) =>
        text.Length > 0 && !Format.IsMatch(text) ? $"'{text}' is not a valid external id: use 1 to 256 letters, digits, '-', '_' or '='." : null;
}

/// <summary>Runs a check on a string argument, or on each string of an array argument.</summary>
internal static class EachString
{
    public static void Check(object? arguments, Action<string> check)
    {
        var value = arguments is PSObject wrapped ? wrapped.BaseObject : arguments;
        if (value is string text)
        {
            check(text);
        }
        else if (value is IEnumerable items)
        {
            foreach (var item in items)
            {
                Check(item, check);
            }
        }
    }
}

/// <summary>
/// Lets -Session take a session id (as completed by <see cref="SessionIdCompleter"/>) as well as a session
/// object: an id becomes the session of this process with that id.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class SessionTransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        if (value is MsxPowerShell.Session.MsxSession or null || Id(value) is not { } id)
        {
            return inputData;
        }

        return Find(id) ?? throw new ArgumentTransformationMetadataException(
            $"No session has the id {id}; Get-MsxSession lists the sessions of this process.");
    }

    /// <summary>The session a -Session value names (a session, or the id of one), or null.</summary>
    public static MsxPowerShell.Session.MsxSession? Resolve(object? argument)
    {
        var value = argument is PSObject wrapped ? wrapped.BaseObject : argument;
        return value as MsxPowerShell.Session.MsxSession ?? (Id(value) is { } id ? Find(id) : null);
    }

    private static MsxPowerShell.Session.MsxSession? Find(int id)
    {
        foreach (var session in MsxPowerShell.Session.MsxSessionStore.All)
        {
            if (session.Id == id)
            {
                return session;
            }
        }

        return null;
    }

    private static int? Id(object? value) => value switch
    {
        int number => number,
        long number when number is >= int.MinValue and <= int.MaxValue => (int)number,
        string text when int.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) => number,
        _ => null,
    };
}
