namespace LlmCacheProxy.Caching;

/// <summary>
/// Single flight across instances, behind the in-process <see cref="SingleFlight"/>: only a local leader asks, so
/// each instance has at most one caller per key here. Implemented on Redis (a lease per cold key); without it every
/// local leader leads.
/// </summary>
internal interface IFleetFlight
{
    /// <summary>
    /// Leads (the fleet lease is held until the turn is disposed, after the answer was stored), or waits for the
    /// fleet's leader and returns the entry it stored, found through <paramref name="lookup"/>. Leads alone when the
    /// wait runs out or the shared store cannot be reached: a fleet problem never fails a request.
    /// </summary>
    ValueTask<FleetTurn> TakeTurnAsync(string key, Func<CancellationToken, ValueTask<CacheHit?>> lookup, CancellationToken cancellationToken);
}
