using LlmCacheProxy.Proxy;
using LlmCacheProxy.Storage;
using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Analytics;

/// <summary>
/// Adds every answered request to in-memory counters per (hour, model, namespace, endpoint) and hands them to the
/// SQLite writer every <see cref="AnalyticsOptions.FlushIntervalMs"/>: the request path only takes a short lock. The
/// lifecycle starts it, and stops it before the writer, so its last counts are committed on shutdown.
/// A hit (or a coalesced answer carrying an entry) saves the entry's cost, tokens and upstream latency less the
/// time the hit took; a miss adds the upstream cost. A stored answer without a known cost counts as unknown, one
/// whose cost the proxy estimated (upstream reported no usage) as estimated.
/// The rows are bounded (<see cref="UsageBuckets"/>), and usage older than <c>Analytics:RetentionDays</c> is pruned.
/// </summary>
internal sealed class UsageRecorder(
    UsageStore store, SqliteWriter writer, IOptions<AnalyticsOptions> options, IOptions<ModelLabelOptions> labels, TimeProvider time,
    ILogger<UsageRecorder> logger)
    : ICacheObserver, IDisposable
{
    private static readonly TimeSpan PruneInterval = TimeSpan.FromHours(1);
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly UsageBuckets _buckets = new(labels.Value.MaxModelNameLength, labels.Value.MaxModelsPerHour, options.Value.MaxNamespacesPerHour);
    private Dictionary<UsageKey, UsageCounters> _pending = [];
    private DateTimeOffset _lastPrune = DateTimeOffset.MinValue;
    private Task? _loop;
    private int _stopped;

    public void OnAnswered(CacheAnswer answer) => Record(answer, time.GetUtcNow());

    /// <summary>Adds one answer as if it happened at <paramref name="at"/> (tests use it to fill past hours).</summary>
    public void Record(CacheAnswer answer, DateTimeOffset at)
    {
        lock (_lock)
        {
            var key = _buckets.KeyFor(UsageKey.HourOf(at), answer.Model, answer.Namespace, answer.Endpoint, answer.Status);
            if (!_pending.TryGetValue(key, out var c))
            {
                c = new UsageCounters();
                _pending[key] = c;
            }

            Add(c, answer);
        }
    }

    /// <summary>Writes everything recorded so far and waits until it is committed.</summary>
    public Task FlushAsync(CancellationToken cancellationToken = default)
    {
        EnqueuePending();
        return writer.FlushAsync(cancellationToken);
    }

    /// <summary>Seeds this hour's caps from the table, prunes expired usage, and starts the flush loop.</summary>
    public void Start()
    {
        if (_loop is not null)
        {
            return;
        }

        long hour = UsageKey.HourOf(time.GetUtcNow());
        var stored = store.KeysOf(hour);
        lock (_lock)
        {
            _buckets.Seed(hour, stored);
        }

        PruneIfDue();
        _loop = Task.Run(RunAsync, CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        // Stopped before the writer, so this last batch is still committed on shutdown.
        EnqueuePending();
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref _stopped, 1);
        _stopping.Dispose();
    }

    private static void Add(UsageCounters c, CacheAnswer answer)
    {
        c.Requests++;
        switch (answer.Outcome)
        {
            case CacheOutcome.Hit or CacheOutcome.Stale or CacheOutcome.Coalesced:
                if (answer.Outcome == CacheOutcome.Coalesced)
                {
                    c.Coalesced++;
                }

                if (answer.Entry is not { } entry)
                {
                    return;
                }

                c.Hits++;
                switch (answer.Tier)
                {
                    case "memory": c.HitsMemory++; break;
                    case "sqlite": c.HitsSqlite++; break;
                    case "s3": c.HitsS3++; break;
                }

                if (entry.Cost is { } cost)
                {
                    c.CostSaved += cost.Total;
                    c.EstimatedCostRequests += entry.CostEstimated ? 1 : 0;
                }
                else
                {
                    c.UnknownCostRequests++;
                }

                c.LatencySavedMs += Math.Max(0, entry.LatencyMs - (long)answer.Elapsed.TotalMilliseconds);
                c.TokensSavedInput += entry.Tokens.Input;
                c.TokensSavedOutput += entry.Tokens.Output;
                break;
            case CacheOutcome.Miss:
                c.Misses++;
                if (answer.Entry is { Cost: { } spent } stored)
                {
                    c.UpstreamCost += spent.Total;
                    c.EstimatedCostRequests += stored.CostEstimated ? 1 : 0;
                }
                else if (answer.Entry is not null)
                {
                    c.UnknownCostRequests++;
                }

                break;
            case CacheOutcome.Bypass:
                c.Bypasses++;
                break;
        }
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.FlushIntervalMs), time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                EnqueuePending();
                PruneIfDue();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Deletes usage older than <c>Analytics:RetentionDays</c>, at most once an hour.</summary>
    private void PruneIfDue()
    {
        var now = time.GetUtcNow();
        if (options.Value.RetentionDays == 0 || now - _lastPrune < PruneInterval)
        {
            return;
        }

        _lastPrune = now;
        store.PruneBefore(UsageKey.HourOf(now - TimeSpan.FromDays(options.Value.RetentionDays)));
    }

    private void EnqueuePending()
    {
        Dictionary<UsageKey, UsageCounters> batch;
        lock (_lock)
        {
            if (_pending.Count == 0)
            {
                return;
            }

            batch = _pending;
            _pending = [];
        }

        if (!store.Add(batch))
        {
            AnalyticsLog.UsageDropped(logger, batch.Count);
        }
    }
}
