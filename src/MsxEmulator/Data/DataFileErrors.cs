using System.Text;
using System.Text.Json.Serialization.Metadata;

namespace MsxEmulator.Data;

/// <summary>
/// Turns a <see cref="JsonException"/> from reading a --data file into a message with the file's line
/// and column (both from 1, the column in characters), and names the known properties when the
/// problem is an unknown one. System.Text.Json counts lines from 0 and columns in bytes from 0.
/// </summary>
public static class DataFileErrors
{
    private const string PositionSuffix = " Path: ";

    public static string Describe(string file, byte[] content, JsonException e)
    {
        var (unknown, name) = e.Path is null ? (null, null) : UnknownProperty(e.Path);
        var syntax = e.InnerException is JsonException;
        if (name is null && !syntax && e.Path is not null)
        {
            // A value of the wrong type: point at its property, not just past the value.
            name = Segments(e.Path) is { Count: > 0 } segments ? segments[^1].Name : null;
        }

        var where = file;
        if (e.LineNumber is { } line)
        {
            where += $":{line + 1}";
            if (e.BytePositionInLine is { } bytes)
            {
                where += $":{Column(content, line, bytes, name)}";
            }
        }

        if (unknown is not null)
        {
            return $"{where}: {unknown}";
        }

        // A syntax error carries the reader's own exception; a value of the wrong type does not.
        if (!syntax && e.Path is not null && Expected(e.Path) is { } expected)
        {
            return e.Path == "$"
                ? $"{where}: the file must hold one JSON object, such as {{ \"clients\": [...], \"users\": [...], \"tenants\": [...] }}."
                : $"{where}: {e.Path[2..]}: expected {expected}.";
        }

        // The library's message ends with its own 0-based position; the prefix says it better.
        var message = e.Message;
        var cut = message.IndexOf(PositionSuffix, StringComparison.Ordinal);
        if (cut > 0)
        {
            message = message[..cut].TrimEnd();
        }

        return $"{where}: {message}" + (string.IsNullOrEmpty(e.Path) || e.Path == "$" ? string.Empty : $" (at {e.Path})");
    }

    /// <summary>
    /// The 1-based character column of a 0-based byte position in a 0-based line; given a property name,
    /// the column of that quoted name on the line (the reader stands just after the name or its value).
    /// </summary>
    private static long Column(byte[] content, long line, long bytePosition, string? propertyName)
    {
        var start = 0;
        for (long seen = 0; seen < line && start < content.Length; start++)
        {
            if (content[start] == (byte)'\n')
            {
                seen++;
            }
        }

        if (start == 0 && content.AsSpan().StartsWith(Encoding.UTF8.Preamble))
        {
            start = Encoding.UTF8.Preamble.Length;
        }

        var length = Math.Max((int)Math.Min(bytePosition, content.Length - start), 0);
        var before = Encoding.UTF8.GetString(content, start, length);
        if (propertyName is not null)
        {
            var at = before.LastIndexOf('"' + propertyName + '"', StringComparison.Ordinal);
            if (at >= 0)
            {
                return at + 1;
            }
        }

        return before.Length + 1;
    }

    /// <summary>What the value at a path should be, when the path names a known property; else null.</summary>
    private static string? Expected(string path)
    {
        var segments = Segments(path);
        if (segments is null)
        {
            return null;
        }

        var type = Resolve(segments, segments.Count);
        if (type is null)
        {
            return null;
        }

        var clr = Nullable.GetUnderlyingType(type.Type) ?? type.Type;
        return type.Kind switch
        {
            JsonTypeInfoKind.Enumerable => "an array",
            JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary => "an object",
            _ when clr == typeof(bool) => "true, false or null",
            _ when clr == typeof(string) => "a string or null",
            _ when clr == typeof(int) || clr == typeof(long) => "a whole number or null",
            _ => null,
        };
    }

    /// <summary>The type at the first <paramref name="count"/> segments of a path, or null when a segment is not known.</summary>
    private static JsonTypeInfo? Resolve(List<Segment> segments, int count)
    {
        JsonTypeInfo? type = DataFileJsonContext.Default.DataFile;
        for (var i = 0; i < count && type is not null; i++)
        {
            if (segments[i].Name is { } name)
            {
                var property = type.Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
                type = property is null ? null : DataFileJsonContext.Default.GetTypeInfo(property.PropertyType);
            }
            else
            {
                type = type.ElementType is { } element ? DataFileJsonContext.Default.GetTypeInfo(element) : null;
            }
        }

        return type;
    }

    /// <summary>
    /// When the path ends in a property that its parent type does not have, says so and lists the known
    /// ones; null when the path resolves (the problem is something else).
    /// </summary>
    private static (string? Message, string? Name) UnknownProperty(string path)
    {
        var segments = Segments(path);
        if (segments is null || segments.Count == 0 || segments[^1].Name is not { } last)
        {
            return (null, null);
        }

        var type = Resolve(segments, segments.Count - 1);
        if (type is null || type.Kind != JsonTypeInfoKind.Object
            || type.Properties.Any(p => string.Equals(p.Name, last, StringComparison.OrdinalIgnoreCase)))
        {
            return (null, null);
        }

        var parentPath = string.Concat(segments.SkipLast(1).Select(s => s.Name is null ? s.Index : "." + s.Name));
        var place = parentPath.Length == 0 ? "at the top level" : $"in {parentPath[1..]}";
        var known = string.Join(", ", type.Properties.Select(p => p.Name));
        return ($"unknown property '{last}' {place}; the known properties are: {known}.", last);
    }

    private readonly record struct Segment(string? Name, string? Index);

    /// <summary>Splits a System.Text.Json path such as <c>$.tenants[0]['odd name']</c>; null if it does not parse.</summary>
    private static List<Segment>? Segments(string path)
    {
        if (!path.StartsWith('$'))
        {
            return null;
        }

        var result = new List<Segment>();
        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? path.Length : end;
                result.Add(new Segment(path[(i + 1)..end], null));
                i = end;
            }
            else if (path.AsSpan(i).StartsWith("['"))
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    return null;
                }

                result.Add(new Segment(path[(i + 2)..end], null));
                i = end + 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0)
                {
                    return null;
                }

                result.Add(new Segment(null, path[i..(end + 1)]));
                i = end + 1;
            }
            else
            {
                return null;
            }
        }

        return result;
    }
}
