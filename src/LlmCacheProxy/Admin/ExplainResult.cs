using System.Text.Json;

namespace LlmCacheProxy.Admin;

/// <summary>
/// Why a request would or would not be answered from cache. <paramref name="Reason"/>: <c>live</c>,
/// <c>expired</c>, <c>invalidated</c>, <c>never_stored</c>, or why it is not cacheable (<c>no_credentials</c>,
/// <c>not_a_chat_request</c>, <c>background</c>, <c>conversation</c>, <c>temperature_above_max</c>, ...). The partition is
/// the HMAC of the caller's key, never the key. A split request (embeddings) explains each distinct item in
/// <paramref name="Items"/>, and sums them up: <c>live</c> when every item is, <c>partial</c> when some are.
/// </summary>
internal sealed record ExplainResult(
    bool Cacheable,
    bool Live,
    string Reason,
    string Detail,
    string? Key,
    string? CacheId,
    string? Model,
    string Namespace,
    string? Partition,
    JsonElement? Canonical,
    IReadOnlyList<TierExplanation> Tiers,
    IReadOnlyList<ExplainItem>? Items = null);
