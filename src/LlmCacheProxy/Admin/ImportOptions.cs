namespace LlmCacheProxy.Admin;

/// <summary>
/// How an import stores its lines. <see cref="Partition"/>: every line into this partition (a caller's, from a key
/// hashed like any caller's, or the shared one in proxy-held mode); null: each export line's own. <see cref="Resume"/>:
/// keys already stored are skipped. <see cref="Namespace"/>: the namespace of a batch import's entries.
/// </summary>
internal sealed record ImportOptions(string? Partition = null, bool Resume = false, string Namespace = "");
