namespace LlmCacheProxy.Caching.Codec;

/// <summary>
/// Settings under <c>Cache:Encryption</c>: AES-256-GCM for entry bodies in SQLite and S3. No keys = off. Key material
/// comes from <see cref="Keys"/> (e.g. <c>Cache__Encryption__Keys__k1</c>) and/or <see cref="KeyFile"/>; it is never
/// logged, and errors name the key id, never its value. Validated by <see cref="EncryptionOptionsValidator"/>.
/// </summary>
internal sealed class EncryptionOptions
{
    public const string SectionName = "Cache:Encryption";

    /// <summary>Key id -> base64 of 32 bytes. Old ids stay here after a rotation so their entries stay readable.</summary>
    public Dictionary<string, string> Keys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Optional file of more keys: a JSON object (id -> base64) or lines <c>id=base64</c> (<c>#</c> comments).</summary>
    public string KeyFile { get; set; } = "";

    /// <summary>The key new entries are written with; required when any key is configured.</summary>
    public string ActiveKeyId { get; set; } = "";
}
