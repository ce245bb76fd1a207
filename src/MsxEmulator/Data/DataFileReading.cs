namespace MsxEmulator.Data;

/// <summary>
/// Reads and parses a --data file for each loader (users and tenants, sites and devices, workflows, targets):
/// a file that cannot be read or parsed is a <see cref="DataException"/> with the same words from every loader.
/// </summary>
public static class DataFileReading
{
    /// <summary>
    /// Parses the file's bytes with <paramref name="parse"/>; a JSON error is described by
    /// <paramref name="describe"/>, or else as "not valid data JSON".
    /// </summary>
    public static T Parse<T>(string path, Func<byte[], T> parse, Func<byte[], JsonException, string>? describe = null)
    {
        byte[] content;
        try
        {
            content = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataException($"cannot read {path}: {e.Message}", e);
        }

        try
        {
            return parse(content);
        }
        catch (JsonException e)
        {
            throw new DataException(describe?.Invoke(content, e) ?? $"{path} is not valid data JSON: {e.Message}", e);
        }
    }
}
