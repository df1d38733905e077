namespace LlmCacheProxy.Caching;

/// <summary>
/// A local leader's turn in the fleet: lead (call upstream; disposing releases the fleet lease, after the store), or
/// serve <see cref="Shared"/>, the entry another instance's leader stored meanwhile.
/// </summary>
internal sealed class FleetTurn : IAsyncDisposable
{
    /// <summary>Lead without a fleet lease: no fleet, or it cannot be reached, or the wait ran out.</summary>
    public static readonly FleetTurn Alone = new(null, null);

    private readonly IAsyncDisposable? _lease;

    private FleetTurn(CacheHit? shared, IAsyncDisposable? lease)
    {
        Shared = shared;
        _lease = lease;
    }

    public CacheHit? Shared { get; }

    public static FleetTurn Lead(IAsyncDisposable lease) => new(null, lease);

    public static FleetTurn Found(CacheHit hit) => new(hit, null);

    public ValueTask DisposeAsync() => _lease?.DisposeAsync() ?? ValueTask.CompletedTask;
}
