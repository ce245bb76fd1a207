using System.Collections;
using System.Globalization;
using System.Text;

namespace MsxPowerShell.Client;

/// <summary>
/// An ordered, URL-escaped query string. An array value repeats its key (<c>ids=a&amp;ids=b</c>), as the
/// spec's array parameters need; null values are left out.
/// </summary>
public sealed class QueryString
{
    private readonly List<KeyValuePair<string, string>> _pairs = new();

    public int Count => _pairs.Count;

    public IReadOnlyList<KeyValuePair<string, string>> Pairs => _pairs;

    /// <summary>Adds a value (a collection adds one pair per element).</summary>
    public QueryString Add(string name, object? value)
    {
        switch (value)
        {
            case null:
                break;
            case string text:
                _pairs.Add(new KeyValuePair<string, string>(name, text));
                break;
            case IEnumerable many:
                foreach (var item in many)
                {
                    Add(name, item);
                }

                break;
            default:
                _pairs.Add(new KeyValuePair<string, string>(name, Format(value)));
                break;
        }

        return this;
    }

    public QueryString AddAll(QueryString? other)
    {
        if (other is not null)
        {
            _pairs.AddRange(other._pairs);
        }

        return this;
    }

    /// <summary>True when <paramref name="name"/> was given (compared without case, as servers do).</summary>
    public bool Contains(string name) => _pairs.Exists(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase));

    public QueryString Copy() => new QueryString().AddAll(this);

    /// <summary>Appends the query to a path: <c>path?a=1&amp;b=2</c> (or <c>&amp;</c> when the path has one).</summary>
    public string AppendTo(string path)
    {
        if (_pairs.Count == 0)
        {
            return path;
        }

        var text = new StringBuilder(path);
        var separator = path.IndexOf('?') >= 0 ? '&' : '?';
        foreach (var pair in _pairs)
        {
            text.Append(separator).Append(Uri.EscapeDataString(pair.Key)).Append('=').Append(Uri.EscapeDataString(pair.Value));
            separator = '&';
        }

        return text.ToString();
    }

    public override string ToString() => AppendTo(string.Empty).TrimStart('?');

    private static string Format(object value) => value switch
    {
        bool flag => flag ? "true" : "false",
        DateTimeOffset time => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        DateTime time => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
