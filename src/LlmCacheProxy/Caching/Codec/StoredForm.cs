namespace LlmCacheProxy.Caching.Codec;

/// <summary>How one tier stores entry bytes: zstd or not, encrypted (with the active key) or not.</summary>
internal readonly record struct StoredForm(bool Zstd, bool Encrypted)
{
    public static StoredForm Plain => default;

    /// <summary>
    /// The object name's ending in S3: what a standard tool needs to know to open it (<c>.json</c>, <c>.json.zst</c>),
    /// and <c>.enc</c> after it when only a proxy holding the key can.
    /// </summary>
    public string Extension => (Zstd ? ".json.zst" : ".json") + (Encrypted ? ".enc" : "");
}
