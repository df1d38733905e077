using Polly;
using Polly.CircuitBreaker;

namespace LlmCacheProxy.Caching.Redis;

/// <summary>
/// One circuit breaker for every Redis call (lookups, leases, background writes alike), each call bounded by
/// <c>OperationTimeoutMilliseconds</c>: a slow Redis counts as a failing one. While the circuit is open, or the
/// multiplexer knows its connection is down, callers skip Redis (a miss, a dropped write, no lease) without waiting,
/// so an outage costs a handful of failed calls, not one per request until failures outnumber the successes before
/// it. The caller's own cancellation is never a failure.
/// </summary>
internal sealed class RedisResilience
{
    private readonly RedisConnection _connection;
    private readonly CircuitBreakerStateProvider _state = new();
    private readonly ResiliencePipeline _pipeline;
    private readonly TimeSpan _timeout;
    private volatile bool _lastCallFailed;

    public RedisResilience(RedisOptions options, RedisConnection connection)
    {
        _connection = connection;
        _timeout = TimeSpan.FromMilliseconds(options.OperationTimeoutMilliseconds);
        _pipeline = new ResiliencePipelineBuilder()
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
    }

    /// <summary>Skip Redis now: the circuit is open, or the connection is known to be down.</summary>
    public bool IsUnavailable => _state.CircuitState is CircuitState.Open or CircuitState.Isolated || !_connection.IsConnected;

    /// <summary>Redis is unusable right now: the circuit is not closed, or the last call failed.</summary>
    public bool IsDegraded => _state.CircuitState != CircuitState.Closed || _lastCallFailed;

    public CircuitState State => _state.CircuitState;

    /// <summary>Runs one call through the breaker, bounded by the operation timeout.</summary>
    public async ValueTask<T> RunAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            var result = await _pipeline.ExecuteAsync(
                static async (state, token) => await state.call().WaitAsync(state._timeout, token).ConfigureAwait(false),
                (call, _timeout),
                cancellationToken).ConfigureAwait(false);
            _lastCallFailed = false;
            return result;
        }
        catch (Exception e) when (IsFailure(e))
        {
            _lastCallFailed = true;
            throw;
        }
    }

    internal static bool IsFailure(Exception? exception) => exception is TimeoutException or BrokenCircuitException ||
        (exception is not null and not OperationCanceledException);
}
