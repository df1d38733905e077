using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace LlmCacheProxy.Caching.S3;

/// <summary>
/// One circuit breaker for every S3 call, so failures seen by the uploader also make lookups fall through
/// at once (and the other way round). Lookups go through the breaker alone (no retry: the client is waiting,
/// a miss is cheaper); background calls retry with exponential backoff and jitter, each attempt through the
/// same breaker. The caller's own cancellation is never a failure; a timeout is.
/// </summary>
internal sealed class S3Resilience
{
    private readonly CircuitBreakerStateProvider _state = new();
    private volatile bool _lastCallFailed;

    public S3Resilience(S3Options options)
    {
        Lookup = new ResiliencePipelineBuilder()
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = 0.5,
                MinimumThroughput = 4,
                SamplingDuration = TimeSpan.FromSeconds(10),
                BreakDuration = TimeSpan.FromSeconds(options.BreakSeconds),
                ShouldHandle = args => ValueTask.FromResult(IsFailure(args.Outcome.Exception)),
                StateProvider = _state,
            })
            .Build();
        Background = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = 3,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(250),
                MaxDelay = TimeSpan.FromSeconds(5),
                // Retrying into an open circuit only burns time; the outbox keeps the work.
                ShouldHandle = args => ValueTask.FromResult(IsFailure(args.Outcome.Exception) && args.Outcome.Exception is not BrokenCircuitException),
            })
            .AddPipeline(Lookup)
            .Build();
    }

    /// <summary>Breaker only: for the request path.</summary>
    public ResiliencePipeline Lookup { get; }

    /// <summary>Retry (backoff + jitter) around the breaker: for uploads and background work.</summary>
    public ResiliencePipeline Background { get; }

    public CircuitState State => _state.CircuitState;

    /// <summary>S3 is unusable right now: the circuit is not closed, or the last call failed.</summary>
    public bool IsDegraded => _state.CircuitState != CircuitState.Closed || _lastCallFailed;

    internal void Record(bool failed) => _lastCallFailed = failed;

    internal static bool IsFailure(Exception? exception) =>
        exception is TimeoutException ||
        (exception is not null and not OperationCanceledException and not S3PreconditionFailedException);
}
