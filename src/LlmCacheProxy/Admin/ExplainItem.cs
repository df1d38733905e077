using System.Text.Json;

namespace LlmCacheProxy.Admin;

/// <summary>One distinct item of a split request (embeddings) as explain sees it.</summary>
/// <param name="Positions">Where the item stands in the client's input (several places when it repeats).</param>
/// <param name="Reason"><c>live</c>, <c>expired</c>, <c>invalidated</c> or <c>never_stored</c>.</param>
internal sealed record ExplainItem(
    IReadOnlyList<int> Positions,
    string Reason,
    string Key,
    string CacheId,
    JsonElement Canonical,
    IReadOnlyList<TierExplanation> Tiers);
