using System.Text.Json;

namespace LlmCacheProxy.Caching.S3;

/// <summary>
/// The frame of every small JSON document the S3 feature keeps in the bucket (pointer, manifest, invalidations):
/// an object whose first member is <c>"format"</c>, and a reader for which anything unreadable (not JSON, a
/// missing or mistyped member, a bad date) is null, so a corrupt or foreign object is a miss and never an error.
/// </summary>
internal static class S3Json
{
    private static readonly JsonWriterOptions Compact = new();
    private static readonly JsonWriterOptions Indented = new() { Indented = true };

    /// <summary><c>{"format":n, ...members}</c>.</summary>
    public static byte[] Write(int format, bool indented, Action<Utf8JsonWriter> members)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, indented ? Indented : Compact))
        {
            writer.WriteStartObject();
            writer.WriteNumber("format", format);
            members(writer);
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary>The document read by <paramref name="read"/>, or null when it is unreadable.</summary>
    public static T? Read<T>(ReadOnlySpan<byte> utf8, Func<JsonElement, T?> read)
        where T : class
    {
        try
        {
            var reader = new Utf8JsonReader(utf8);
            using var doc = JsonDocument.ParseValue(ref reader);
            return read(doc.RootElement);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or KeyNotFoundException or ArgumentException)
        {
            return null;
        }
    }
}
