using LlmCacheProxy.Pricing;

namespace LlmCacheProxy.Caching;

/// <summary>
/// One cached answer, the same document in every tier.
/// Hit counts are deliberately absent: they live in SQLite and the analytics tables.
/// </summary>
internal sealed record CacheEntry
{
    public const int CurrentFormatVersion = 1;

    public int FormatVersion { get; init; } = CurrentFormatVersion;
    public required string CacheId { get; init; }
    public required string CacheKey { get; init; }
    public string Namespace { get; init; } = "";
    public required string Route { get; init; }
    public required string Model { get; init; }
    public string Provider { get; init; } = "";
    /// <summary>The canonical (normalized) request as UTF-8 JSON. Never contains credentials.</summary>
    public required ReadOnlyMemory<byte> Request { get; init; }
    /// <summary>
    /// The request body as the client sent it (UTF-8 JSON; never credentials: those travel in headers), kept so an
    /// export can rebuild the key under a later key version. Null in entries stored before it was kept.
    /// </summary>
    public byte[]? RequestBody { get; init; }
    public required DateTimeOffset RequestTimestamp { get; init; }
    public required CachedResponse Response { get; init; }
    public required DateTimeOffset ResponseTimestamp { get; init; }
    public TokenUsage Tokens { get; init; } = TokenUsage.Zero;
    public CostInfo? Cost { get; init; }
    /// <summary>The tokens (and so the cost) are the proxy's own count: upstream reported none.</summary>
    public bool CostEstimated => Tokens.Estimated;
    public long LatencyMs { get; init; }
    /// <summary>Time to first byte of the upstream answer (streams), else equal to LatencyMs.</summary>
    public long FirstByteMs { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Creation time: what TTLs, Age and invalidation epochs are measured against.</summary>
    public DateTimeOffset CreatedAt => ResponseTimestamp;

    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } expires && expires <= now;

    /// <summary>Rough in-memory footprint, used as the memory tier's size unit (bytes).</summary>
    public long EstimatedSize =>
        Response.Body.Length + Request.Length + (RequestBody?.Length ?? 0) + Response.EventsSize + 512;
}
