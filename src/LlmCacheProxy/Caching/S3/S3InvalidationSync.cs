
namespace LlmCacheProxy.Caching.S3;

/// <summary>
/// Shares invalidation epochs through <c>invalidations.json</c>. Every <c>InvalidationPollSeconds</c> (and at once
/// after a local change) it reads the document (conditional GET by ETag, so an unchanged document costs a 304),
/// merges it into <see cref="InvalidationEpochs"/>, and when a local epoch is later than the document's (a local
/// invalidation, or one lost to a race) writes the union back: read-modify-write, with <c>If-Match</c> on the PUT.
/// AWS S3 enforces If-Match (a 412 makes us re-read and retry); stores that ignore it (s3rver, older MinIO) can
/// let two concurrent writers overwrite each other, and the loser repairs it at its next poll, because it sees
/// its own epoch missing from the document and writes again. Epochs only move forward, so the union is safe.
/// </summary>
internal sealed class S3InvalidationSync : BackgroundService
{
    private readonly S3Store _store;
    private readonly S3Layout _layout;
    private readonly S3Resilience _resilience;
    private readonly InvalidationEpochs _epochs;
    private readonly TimeProvider _time;
    private readonly ILogger<S3InvalidationSync> _logger;
    private readonly TimeSpan _poll;
    private readonly TimeSpan _timeout;
    private readonly S3OutboxSignal _wake = new();
    private Dictionary<string, DateTimeOffset> _remote = new(StringComparer.Ordinal);
    private string? _etag;

    public S3InvalidationSync(S3Store store, S3Layout layout, S3Resilience resilience, InvalidationEpochs epochs, S3Options options, TimeProvider time, ILogger<S3InvalidationSync> logger)
    {
        _store = store;
        _layout = layout;
        _resilience = resilience;
        _epochs = epochs;
        _time = time;
        _logger = logger;
        _poll = TimeSpan.FromSeconds(options.InvalidationPollSeconds);
        _timeout = TimeSpan.FromSeconds(options.WriteTimeoutSeconds);
        epochs.Changed += _ => _wake.Notify();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SyncAsync(stoppingToken).ConfigureAwait(false);
                await _wake.WaitAsync(_poll, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // Expected while S3 is down (every poll): the reason, not a stack trace.
                S3Log.InvalidationSyncFailed(_logger, e is Polly.CircuitBreaker.BrokenCircuitException ? "circuit open" : e.GetType().Name);
                await Task.Delay(_poll, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>One round: read (conditionally), merge in, write back what only we know.</summary>
    public async Task SyncAsync(CancellationToken cancellationToken)
    {
        for (int attempt = 0; attempt < 3; attempt++)
        {
            var got = await _store.GetIfChangedAsync(_layout.Invalidations, _etag, _resilience.Background, _timeout, cancellationToken).ConfigureAwait(false);
            if (!got.NotModified)
            {
                _remote = got.Body is null ? new(StringComparer.Ordinal) : S3InvalidationDocument.Deserialize(got.Body) ?? new(StringComparer.Ordinal);
                _etag = got.ETag;
            }

            var merged = _epochs.Merge(_remote);
            if (merged.Count > 0)
            {
                S3Log.InvalidationsMerged(_logger, merged.Count);
            }

            var union = new Dictionary<string, DateTimeOffset>(_remote, StringComparer.Ordinal);
            bool newer = false;
            foreach (var (scope, before) in _epochs.Snapshot)
            {
                if (!union.TryGetValue(scope, out var remote) || remote < before)
                {
                    union[scope] = before;
                    newer = true;
                }
            }

            if (!newer)
            {
                return;
            }

            try
            {
                var body = S3InvalidationDocument.Serialize(union, _time.GetUtcNow());
                var etag = await _store.PutAsync(_layout.Invalidations, body, _etag, _resilience.Background, _timeout, cancellationToken).ConfigureAwait(false);
                _remote = union;
                _etag = etag;
                return;
            }
            catch (S3PreconditionFailedException)
            {
                S3Log.InvalidationsConflict(_logger);
                _etag = null;
            }
        }
    }
}
