namespace LlmCacheProxy.Admin;

/// <summary>One tier's view: <c>live</c>, <c>expired</c>, <c>invalidated</c>, <c>absent</c>, <c>key_mismatch</c> or <c>error</c>.</summary>
internal sealed record TierExplanation(
    string Tier,
    string Status,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? ExpiresAt,
    EpochInfo? InvalidatedBy);
