using System.Text.RegularExpressions;

namespace MsxPowerShell.Commands;

/// <summary>The checks of user fields that the module can make before anything is sent, as the spec states them.</summary>
internal static class UserInput
{
    public const int MinimumLocaleLength = 2;
    public const int MaximumLocaleLength = 16;

    // The spec's UserCreate.username pattern.
    private static readonly Regex UserNameFormat = new(@"^[a-zA-Z0-9_\-.@]{1,128}$", RegexOptions.CultureInvariant);

    public static string? UserNameProblem(string userName) =>
        UserNameFormat.IsMatch(userName) ? null : $"'{userName}' is not a valid MSX user name: use 1 to 128 letters, digits, '_', '-', '.' or '@'.";

    public static string? LocaleProblem(string locale) =>
        locale.Length is < MinimumLocaleLength or > MaximumLocaleLength ? $"The locale '{locale}' is {locale.Length} characters long; MSX accepts {MinimumLocaleLength} to {MaximumLocaleLength} (for example en_US)." : null;

    /// <summary>The values of a list parameter, each split on ';' (a CSV cell may hold several), trimmed, blanks dropped.</summary>
    public static List<string> Split(IEnumerable<string>? values)
    {
        var parts = new List<string>();
        if (values is null)
        {
            return parts;
        }

        foreach (var value in values)
        {
            foreach (var part in (value ?? string.Empty).Split(';'))
            {
                var trimmed = part.Trim();
                if (trimmed.Length > 0 && !parts.Contains(trimmed))
                {
                    parts.Add(trimmed);
                }
            }
        }

        return parts;
    }

    /// <summary>The GUIDs of a list parameter, or the first value that is not one.</summary>
    public static (List<Guid> Ids, string? Bad) Guids(IEnumerable<string>? values)
    {
        var ids = new List<Guid>();
        foreach (var text in Split(values))
        {
            if (!Guid.TryParse(text, out var id))
            {
                return (ids, text);
            }

            if (!ids.Contains(id))
            {
                ids.Add(id);
            }
        }

        return (ids, null);
    }
}
