namespace MsxEmulator.Recording;

/// <summary>One request served and its answer, as the --exchange-log records it.</summary>
public sealed record Exchange(
    [property: JsonConverter(typeof(ExchangeTimeConverter))] DateTime At,
    string Method,
    string Path,
    string Query,
    string? RequestContentType,
    string? RequestBody,
    bool RequestBodyTruncated,
    int Status,
    string? ResponseContentType,
    string? ResponseBody,
    bool ResponseBodyTruncated,
    bool Fault,
    bool Dropped,
    string? UserAgent = null);
