namespace LlmCacheProxy.Caching.Codec;

/// <summary>Why stored bytes did not open (a miss, and the entry is dropped where the tier owns it). Logged, never the bytes.</summary>
internal enum DecodeFailure
{
    None,

    /// <summary>The first byte names no form this build knows (a newer release wrote it, or garbage).</summary>
    UnknownFormat,

    /// <summary>Encrypted under a key id that is not configured (any more).</summary>
    KeyUnavailable,

    /// <summary>The GCM tag did not verify: a wrong key under that id, changed bytes, or an entry moved under another key.</summary>
    DecryptFailed,

    DecompressFailed,

    /// <summary>Opened, but the document is not an entry this build reads (unknown entry format, broken JSON).</summary>
    NotAnEntry,
}
