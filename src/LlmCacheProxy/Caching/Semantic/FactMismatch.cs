namespace LlmCacheProxy.Caching.Semantic;

/// <summary>Why <see cref="FactCheck"/> refused a pair; several reasons can hold at once.</summary>
[Flags]
internal enum FactMismatch
{
    None = 0,
    Numbers = 1 << 0,
    Negation = 1 << 1,
    Quoted = 1 << 2,
    Url = 1 << 3,
    Identifier = 1 << 4,
    Name = 1 << 5,
    Date = 1 << 6,
    Order = 1 << 7,
    /// <summary>Both questions use the same pair of opposites, on different poles (increase / decrease).</summary>
    Antonym = 1 << 8,
    /// <summary>Both questions name the work to do, and not the same work (write / explain / test ...).</summary>
    Task = 1 << 9,
}
