namespace MsxEmulator.Json;

/// <summary>
/// Source-generated reading of the --data file (camelCase, case-insensitive, comments allowed). An
/// unknown property anywhere (a misspelled key) is an error, for every type reachable from DataFile.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(DataFile))]
public sealed partial class DataFileJsonContext : JsonSerializerContext;
