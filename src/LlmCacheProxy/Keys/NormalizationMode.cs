namespace LlmCacheProxy.Keys;

/// <summary>How message text is normalized before it is hashed into a cache key.</summary>
internal enum NormalizationMode
{
    /// <summary>CRLF and lone CR become LF, then Unicode NFC. Nothing else changes.</summary>
    Exact,

    /// <summary><see cref="Exact"/> plus leading and trailing whitespace trimmed.</summary>
    Trim,

    /// <summary>
    /// <see cref="Trim"/> plus every whitespace run collapsed to one space and lowercased (invariant).
    /// Opt-in: it changes meaning for code and casing.
    /// </summary>
    Loose,
}
