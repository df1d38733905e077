using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace LlmCacheProxy.Caching.Redis;

/// <summary>
/// One notification on the channel: keys and epochs, never answers (the FusionCache backplane pattern). UTF-8 JSON:
/// <code>
/// {"v":1,"from":"{instance}","key":"{64 hex}","created_at":"{ISO 8601}"}   an entry stored or replaced
/// {"v":1,"from":"{instance}","key":"{64 hex}"}                              an entry deleted
/// {"v":1,"from":"{instance}","epochs":{"{scope}":"{ISO 8601}",...}}         invalidation epochs that moved forward
/// </code>
/// Times are UTC in the round-trip form, so an epoch arrives exactly as it was set. A document of another version,
/// or not one of these, reads as null and is ignored.
/// </summary>
internal sealed record RedisMessage(
    string From, string? Key, DateTimeOffset? CreatedAt, IReadOnlyDictionary<string, DateTimeOffset>? Epochs)
{
    public const int Version = 1;

    public static RedisMessage EntryChanged(string from, string key, DateTimeOffset? createdAt) => new(from, key, createdAt, null);

    public static RedisMessage EpochsMoved(string from, IReadOnlyDictionary<string, DateTimeOffset> epochs) => new(from, null, null, epochs);

    /// <summary>UTC, round-trip form, always one length (<c>2026-11-21T12:00:00.1234567Z</c>), so it also sorts as text.</summary>
    public static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    public byte[] Serialize()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("v", Version);
            json.WriteString("from", From);
            if (Key is not null)
            {
                json.WriteString("key", Key);
                if (CreatedAt is { } created)
                {
                    json.WriteString("created_at", Time(created));
                }
            }

            if (Epochs is not null)
            {
                json.WriteStartObject("epochs");
                foreach (var (scope, before) in Epochs)
                {
                    json.WriteString(scope, Time(before));
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static RedisMessage? Deserialize(ReadOnlyMemory<byte> utf8)
    {
        try
        {
            using var doc = JsonDocument.Parse(utf8);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("v", out var v) || v.GetInt32() != Version ||
                root.GetProperty("from").GetString() is not { } from)
            {
                return null;
            }

            if (root.TryGetProperty("key", out var key) && key.GetString() is { Length: > 0 } k)
            {
                DateTimeOffset? created = root.TryGetProperty("created_at", out var c) ? c.GetDateTimeOffset() : null;
                return EntryChanged(from, k, created);
            }

            if (root.TryGetProperty("epochs", out var epochs) && epochs.ValueKind == JsonValueKind.Object)
            {
                var scopes = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
                foreach (var scope in epochs.EnumerateObject())
                {
                    scopes[scope.Name] = scope.Value.GetDateTimeOffset();
                }

                return EpochsMoved(from, scopes);
            }

            return null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or KeyNotFoundException)
        {
            return null;
        }
    }
}
