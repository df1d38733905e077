namespace LlmCacheProxy.Caching;

/// <summary>
/// What a leader got. Rule for waiters: a stored entry is served to them; an upstream answer that was
/// complete but not storable (an error such as 429 or 500) is handed to them as it was; no complete answer
/// at all (transport error, the leader's client left) means they retry, one of them leading the next flight;
/// an answer too large to keep (<see cref="ForwardAlone"/>) means each goes upstream for itself at once.
/// </summary>
internal sealed record FlightOutcome(CacheEntry? Entry, CachedResponse? Response)
{
    public static readonly FlightOutcome Retry = new(null, null);

    /// <summary>The answer outgrew <c>Cache:MaxEntryBytes</c>: nothing will be stored or handed over; waiting is pointless.</summary>
    public static readonly FlightOutcome TooLarge = new(null, null) { ForwardAlone = true };

    public bool ForwardAlone { get; private init; }
}
