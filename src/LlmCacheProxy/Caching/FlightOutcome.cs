

namespace LlmCacheProxy.Caching;

/// <summary>
/// What a leader got. Rule for waiters: a stored entry is served to them; an upstream answer that was
/// complete but not storable (an error such as 429 or 500) is handed to them as it was; no complete answer
/// at all (transport error, the leader's client left) means they retry, one of them leading the next flight.
/// </summary>
internal sealed record FlightOutcome(CacheEntry? Entry, CachedResponse? Response)
{
    public static readonly FlightOutcome Retry = new(null, null);
}
