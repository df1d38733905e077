using System.Text.Json;
using LlmCacheProxy.Caching;
using LlmCacheProxy.Endpoints;
using LlmCacheProxy.Proxy;

namespace LlmCacheProxy.Admin;

/// <summary>
/// Answers "why was this a miss?": builds the key the cache step would build for this body, caller and route, asks
/// the same <see cref="CachePolicy.Decide"/> the step asks, then every tier directly (no promotion, no hit counted)
/// and says what each holds and why it is dead.
/// </summary>
internal sealed class CacheExplainer(
    PartitionResolver partitions,
    RequestScopes scopes,
    ClientKeys clientKeys,
    CachePolicy policy,
    TieredCache cache,
    InvalidationEpochs epochs,
    TimeProvider time)
{
    public async Task<ExplainResult> ExplainAsync(
        ICacheableEndpoint endpoint, byte[] body, string path, string? query, IHeaderDictionary headers, string? clientAuthorization,
        CacheControl controls, CancellationToken cancellationToken)
    {
        string ns = controls.Namespace;
        string? partition = partitions.Resolve(clientAuthorization);
        string? scoped = partition is null ? null : controls.ScopePartition(partition);
        var scope = scoped is null ? null : scopes.Create(path, query, scoped, headers);
        var units = scope is not null && endpoint is IUnitEndpoint split ? split.TrySplit(body, scope) : null;
        var key = units?.Units[0] ?? (scope is not null && endpoint is not IUnitEndpoint && endpoint.TryBuildKey(body, scope, out var built) ? built : null);
        var notCacheable = key is null && partition is not null ? endpoint.BypassReason(body) ?? endpoint.NotCacheable : endpoint.NotCacheable;
        var grants = clientKeys.GrantsFor(clientKeys.Find(clientAuthorization));
        var decision = policy.Decide(partition, key, notCacheable.Reason, controls, grants);
        switch (decision.BypassReason)
        {
            case CacheDecision.NoCredentials:
                return NotCacheable(ns, decision.BypassReason,
                    "Passthrough mode and no X-Client-Authorization: a caller without a key never uses the cache.");
            case CacheDecision.CacheControlNotAllowed:
                return NotCacheable(ns, decision.BypassReason,
                    $"This client key was not granted '{decision.Forbidden}' (Proxy:ClientKeys AllowedCacheControls): the proxy answers 403 and calls no upstream.");
            case { } reason when key is null:
                return NotCacheable(ns, reason, notCacheable.Detail);
        }

        using var canonical = JsonDocument.Parse(key!.CanonicalJson);
        if (decision.BypassReason is { } bypass)
        {
            return new ExplainResult(false, false, bypass,
                $"temperature {key.Temperature} is above Cache:MaxTemperature ({policy.MaxTemperature}): forwarded as BYPASS, never stored.",
                key.Hash, key.CacheId, key.Model, ns, scoped, canonical.RootElement.Clone(), []);
        }

        var now = time.GetUtcNow();
        if (units is not null && (units.Units.Count > 1 || units.Positions.Count > 1))
        {
            return await ExplainUnitsAsync(units, ns, scoped, key.Model, now, cancellationToken);
        }

        var tiers = new List<TierExplanation>();
        foreach (var tier in cache.Tiers)
        {
            tiers.Add(await ExplainTierAsync(tier, key.Hash, now, cancellationToken));
        }

        var (summary, detail) = Summarize(tiers);
        return new ExplainResult(true, summary == "live", summary, detail, key.Hash, key.CacheId, key.Model, ns, scoped,
            canonical.RootElement.Clone(), tiers);
    }

    private async Task<ExplainResult> ExplainUnitsAsync(
        IUnitRequest units, string ns, string? scoped, string model, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var items = new List<ExplainItem>();
        for (int u = 0; u < units.Units.Count; u++)
        {
            var unit = units.Units[u];
            var tiers = new List<TierExplanation>();
            foreach (var tier in cache.Tiers)
            {
                tiers.Add(await ExplainTierAsync(tier, unit.Hash, now, cancellationToken));
            }

            using var canonical = JsonDocument.Parse(unit.CanonicalJson);
            var positions = Enumerable.Range(0, units.Positions.Count).Where(i => units.Positions[i] == u).ToList();
            items.Add(new ExplainItem(positions, Summarize(tiers).Reason, unit.Hash, unit.CacheId, canonical.RootElement.Clone(), tiers));
        }

        int live = items.Count(i => i.Reason == "live");
        var (reason, detail) = live == items.Count
            ? ("live", $"Every one of the {items.Count} distinct items is live: the next identical request is a hit.")
            : live > 0
                ? ("partial", $"{live} of the {items.Count} distinct items are live: the next identical request forwards only the others (PARTIAL).")
                : (items.Select(i => i.Reason).Distinct().Count() == 1 ? items[0].Reason : "not_live",
                    $"None of the {items.Count} distinct items is live (see items): the next identical request is a miss.");
        return new ExplainResult(true, live == items.Count, reason, detail, null, null, model, ns, scoped, null, [], items);
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
