using System.Text.Json;

namespace LlmCacheProxy.Caching.S3;

/// <summary>
/// The by-hash pointer, format 1:
/// <code>
/// {"format":1,"cache_key":"&lt;64 hex&gt;","cache_id":"gpt-4o_0123456789abcdef","object_key":"llm-cache/.../x.json",
///  "metadata_key":"llm-cache/.../x.metadata.json","model":"gpt-4o","namespace":"","created_at":"...","expires_at":"..."|null}
/// </code>
/// It carries what the sweeper needs to judge an entry dead (model, namespace, created_at, expires_at) without
/// reading the entry. Anything that does not parse as this (corrupt, foreign) reads as null: a miss.
/// </summary>
internal sealed record S3Pointer(
    string CacheKey,
    string CacheId,
    string ObjectKey,
    string MetadataKey,
    string Model,
    string Namespace,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt)
{
    public const int FormatVersion = 1;

    public static S3Pointer For(CacheEntry entry, S3Layout layout) => For(entry, layout, Codec.StoredForm.Plain);

    public static S3Pointer For(CacheEntry entry, S3Layout layout, Codec.StoredForm form) => new(
        entry.CacheKey, entry.CacheId, layout.Entry(entry, form), layout.Metadata(entry), entry.Model, entry.Namespace, entry.CreatedAt, entry.ExpiresAt);

    public bool IsDead(DateTimeOffset now, InvalidationEpochs epochs)
    {
        if (ExpiresAt is { } expires && expires <= now)
        {
            return true;
        }

        return epochs.FindKillingEpoch(Model, Namespace, CreatedAt) is not null;
    }

    public byte[] Serialize() => S3Json.Write(FormatVersion, indented: false, writer =>
    {
        writer.WriteString("cache_key", CacheKey);
        writer.WriteString("cache_id", CacheId);
        writer.WriteString("object_key", ObjectKey);
        writer.WriteString("metadata_key", MetadataKey);
        writer.WriteString("model", Model);
        writer.WriteString("namespace", Namespace);
        writer.WriteString("created_at", CreatedAt.UtcDateTime);
        if (ExpiresAt is { } expires)
        {
            writer.WriteString("expires_at", expires.UtcDateTime);
        }
        else
        {
            writer.WriteNull("expires_at");
        }
    });

    public static S3Pointer? Deserialize(ReadOnlySpan<byte> utf8) => S3Json.Read(utf8, root =>
        root.ValueKind != JsonValueKind.Object ||
        !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.Number || format.GetInt32() != FormatVersion
            ? null
            : new S3Pointer(
                root.GetProperty("cache_key").GetString()!,
                root.GetProperty("cache_id").GetString()!,
                root.GetProperty("object_key").GetString()!,
                root.GetProperty("metadata_key").GetString()!,
                root.GetProperty("model").GetString()!,
                root.GetProperty("namespace").GetString() ?? "",
                root.GetProperty("created_at").GetDateTimeOffset(),
                root.TryGetProperty("expires_at", out var exp) && exp.ValueKind == JsonValueKind.String ? exp.GetDateTimeOffset() : null));
}
