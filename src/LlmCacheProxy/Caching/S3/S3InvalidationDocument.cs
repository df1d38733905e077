using System.Text.Json;

namespace LlmCacheProxy.Caching.S3;

/// <summary>
/// <c>cache-index/global/invalidations.json</c>, format 1:
/// <code>{"format":1,"updated_at":"...","epochs":{"*":"2025-01-02T03:04:05.1234567Z","model:gpt-4o":"..."}}</code>
/// Times are written with full precision so a round trip never moves an epoch (a truncated epoch would look
/// older than the local one and be pushed again forever). Unreadable documents read as empty.
/// </summary>
internal static class S3InvalidationDocument
{
    public static byte[] Serialize(IReadOnlyDictionary<string, DateTimeOffset> epochs, DateTimeOffset now) =>
        S3Json.Write(1, indented: true, writer =>
        {
            writer.WriteString("updated_at", now.UtcDateTime);
            writer.WriteStartObject("epochs");
            foreach (var (scope, before) in epochs.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                writer.WriteString(scope, before.UtcDateTime);
            }

            writer.WriteEndObject();
        });

    public static Dictionary<string, DateTimeOffset>? Deserialize(ReadOnlySpan<byte> utf8) => S3Json.Read(utf8, root =>
    {
        if (root.ValueKind != JsonValueKind.Object ||
            !root.TryGetProperty("epochs", out var epochs) || epochs.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var result = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var property in epochs.EnumerateObject())
        {
            result[property.Name] = property.Value.GetDateTimeOffset();
        }

        return result;
    });
}
