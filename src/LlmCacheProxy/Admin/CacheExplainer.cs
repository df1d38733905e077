using System.Text.Json;
using LlmCacheProxy.Caching;
using LlmCacheProxy.Keys;
using LlmCacheProxy.Proxy;
using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Admin;

/// <summary>
/// Answers "why was this a miss?": builds the key the cache step would build for this body and caller, then
/// asks every tier directly (no promotion, no hit counted) and says what each holds and why it is dead.
/// </summary>
internal sealed class CacheExplainer(
    ChatKeyBuilder keys,
    PartitionResolver partitions,
    TieredCache cache,
    InvalidationEpochs epochs,
    IOptions<CacheOptions> options,
    TimeProvider time)
{
    public async Task<ExplainResult> ExplainAsync(
        byte[] body, string route, string? clientAuthorization, CacheControl controls, CancellationToken cancellationToken)
    {
        string ns = controls.Namespace;
        string? partition = partitions.Resolve(clientAuthorization);
        if (partition is null)
        {
            return NotCacheable(ns, "no_credentials",
                "Passthrough mode and no X-Client-Authorization: a caller without a key never uses the cache.");
        }

        string scoped = controls.ScopePartition(partition);
        // The caller's vary headers are not known here: explain answers for a request that sent none.
        if (!keys.TryBuild(body, KeyScope.Create(route, null, scoped, []), out var key))
        {
            return NotCacheable(ns, "not_a_chat_request",
                "The body is not a chat request the key builder accepts (valid JSON object with model and messages); it is forwarded as BYPASS.");
        }

        using var canonical = JsonDocument.Parse(key.CanonicalJson);
        if (key.Temperature > options.Value.MaxTemperature)
        {
            return new ExplainResult(false, false, "temperature_above_max",
                $"temperature {key.Temperature} is above Cache:MaxTemperature ({options.Value.MaxTemperature}): forwarded as BYPASS, never stored.",
                key.Hash, key.CacheId, key.Model, ns, scoped, canonical.RootElement.Clone(), []);
        }

        var now = time.GetUtcNow();
        var tiers = new List<TierExplanation>();
        foreach (var tier in cache.Tiers)
        {
            tiers.Add(await ExplainTierAsync(tier, key.Hash, now, cancellationToken));
        }

        var (reason, detail) = Summarize(tiers);
        return new ExplainResult(true, reason == "live", reason, detail, key.Hash, key.CacheId, key.Model, ns, scoped,
            canonical.RootElement.Clone(), tiers);
    }

    private async Task<TierExplanation> ExplainTierAsync(ICacheTier tier, string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        CacheEntry? entry;
        try
        {
            entry = await tier.GetAsync(key, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new TierExplanation(tier.Name, "error", null, null, null);
        }

        if (entry is null)
        {
            return new TierExplanation(tier.Name, "absent", null, null, null);
        }

        if (!string.Equals(entry.CacheKey, key, StringComparison.Ordinal))
        {
            return new TierExplanation(tier.Name, "key_mismatch", entry.CreatedAt, entry.ExpiresAt, null);
        }

        var killedBy = epochs.FindKillingEpoch(entry.Model, entry.Namespace, entry.CreatedAt) is { } epoch
            ? new EpochInfo(epoch.Scope, epoch.Before)
            : null;
        string status = killedBy is not null ? "invalidated" : entry.IsExpired(now) ? "expired" : "live";
        return new TierExplanation(tier.Name, status, entry.CreatedAt, entry.ExpiresAt, killedBy);
    }

    private static (string Reason, string Detail) Summarize(List<TierExplanation> tiers)
    {
        if (tiers.FirstOrDefault(t => t.Status == "live") is { } live)
        {
            return ("live", $"Live in {string.Join(", ", tiers.Where(t => t.Status == "live").Select(t => t.Tier))}: the next identical request is a hit from {live.Tier}.");
        }

        if (tiers.FirstOrDefault(t => t.Status == "invalidated") is { InvalidatedBy: { } epoch })
        {
            return ("invalidated", $"Stored, but invalidated by epoch {epoch.Scope} (entries created at or before {epoch.Before:o} are dead).");
        }

        if (tiers.FirstOrDefault(t => t.Status == "expired") is { } expired)
        {
            return ("expired", $"Stored, but expired at {expired.ExpiresAt:o}.");
        }

        return ("never_stored", "No tier holds this key: never stored (or deleted, or evicted). The next identical request is a miss.");
    }

    private static ExplainResult NotCacheable(string ns, string reason, string detail) =>
        new(false, false, reason, detail, null, null, null, ns, null, null, []);
}
