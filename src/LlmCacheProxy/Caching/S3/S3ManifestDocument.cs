using System.Globalization;
using System.Text.Json;

namespace LlmCacheProxy.Caching.S3;

/// <summary>
/// The by-date manifest, format 1 (lines sorted by object key):
/// <code>{"format":1,"date":"2025-01-02","updated_at":"...","count":2,
///  "entries":[{"object_key":"llm-cache/...json","cache_id":"...","model":"gpt-4o","size":123,"created_at":"..."}]}</code>
/// An unreadable document reads as null, and is then rebuilt from what this instance knows.
/// </summary>
internal static class S3ManifestDocument
{
    public static byte[] Serialize(DateOnly day, IEnumerable<S3ManifestItem> items, DateTimeOffset now)
    {
        var sorted = items.OrderBy(i => i.ObjectKey, StringComparer.Ordinal).ToList();
        return S3Json.Write(1, indented: true, writer =>
        {
            writer.WriteString("date", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            writer.WriteString("updated_at", now.UtcDateTime);
            writer.WriteNumber("count", sorted.Count);
            writer.WriteStartArray("entries");
            foreach (var item in sorted)
            {
                writer.WriteStartObject();
                writer.WriteString("object_key", item.ObjectKey);
                writer.WriteString("cache_id", item.CacheId);
                writer.WriteString("model", item.Model);
                writer.WriteNumber("size", item.Size);
                writer.WriteString("created_at", item.CreatedAt.UtcDateTime);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        });
    }

    public static List<S3ManifestItem>? Deserialize(ReadOnlySpan<byte> utf8) => S3Json.Read(utf8, root =>
        !root.TryGetProperty("entries", out var entries) || entries.ValueKind != JsonValueKind.Array
            ? null
            : entries.EnumerateArray().Select(e => new S3ManifestItem(
                e.GetProperty("object_key").GetString()!,
                e.GetProperty("cache_id").GetString() ?? "",
                e.GetProperty("model").GetString() ?? "",
                e.GetProperty("size").GetInt64(),
                e.GetProperty("created_at").GetDateTimeOffset())).ToList());
}
