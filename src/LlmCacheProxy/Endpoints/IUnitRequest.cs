using LlmCacheProxy.Caching;
using LlmCacheProxy.Keys;

namespace LlmCacheProxy.Endpoints;

/// <summary>One request of an <see cref="IUnitEndpoint"/>, split into its units. Unit numbers index <see cref="Units"/>.</summary>
internal interface IUnitRequest
{
    /// <summary>The distinct units' keys, in the order they first appear in the request (a repeated unit appears once).</summary>
    IReadOnlyList<CacheKey> Units { get; }

    /// <summary>For each of the client's items in order, the number of its unit (repeats share one).</summary>
    IReadOnlyList<int> Positions { get; }

    /// <summary>The body that asks upstream for <paramref name="units"/> alone, in that order, with the client's other fields.</summary>
    byte[] UpstreamBody(IReadOnlyList<int> units);

    /// <summary>
    /// Splits upstream's 200 answer to <see cref="UpstreamBody"/>(<paramref name="units"/>) into one storable answer per
    /// asked unit, in the same order; false when it cannot be split (the answer is then no answer to store or merge).
    /// </summary>
    bool TrySplitAnswer(ReadOnlyMemory<byte> json, IReadOnlyList<int> units, out IReadOnlyList<UnitAnswer> answers);

    /// <summary>Answers the client from every unit's entry (indexed by unit number), as it asked.</summary>
    Task WriteAsync(HttpContext context, IReadOnlyList<CacheEntry> units);
}
