using LlmCacheProxy.Keys;
using LlmCacheProxy.Storage;

namespace LlmCacheProxy.Caching;

/// <summary>Settings under <c>Cache</c>. Validated at start-up by <see cref="CacheOptionsValidator"/>.</summary>
internal sealed class CacheOptions
{
    public const string SectionName = "Cache";

    /// <summary>False = pure pass-through: the cache step forwards everything untouched (benchmark baseline).</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>How long past its expiry an entry may still be served when upstream fails (429/5xx/timeout). 0 = off.</summary>
    public long StaleIfErrorSeconds { get; set; }

    public NormalizationMode Normalization { get; set; } = NormalizationMode.Trim;
    public Dictionary<string, string> ModelAliases { get; set; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>Chat and legacy completions body fields that do not change the answer and are left out of the key.</summary>
    public string[] IgnoredParams { get; set; } = [.. KeySettings.DefaultIgnoredParams];
    /// <summary>Responses API body fields left out of the key (not <c>store</c>: see KeySettings).</summary>
    public string[] ResponsesIgnoredParams { get; set; } = [.. KeySettings.DefaultResponsesIgnoredParams];
    /// <summary>Top-level numbers rounded to 2 decimals in the key; every other number is keyed exactly.</summary>
    public string[] RoundedParams { get; set; } = [.. KeySettings.DefaultRoundedParams];
    /// <summary>Request headers the upstream acts on, so their values enter the key.</summary>
    public string[] VaryHeaders { get; set; } = [.. KeySettings.DefaultVaryHeaders];
    /// <summary>A longer model name makes a request not cacheable (BYPASS): model names become rows and tags.</summary>
    public int MaxModelLength { get; set; } = 200;
    /// <summary>Time to live of a stored entry; 0 = no expiry.</summary>
    public long DefaultTtlSeconds { get; set; }
    /// <summary>
    /// Longest TTL a client may ask with <c>X-Cache-TTL</c> (0, "no expiry", counts as longer): a longer one is cut to
    /// this and the answer says so (<c>X-Cache-TTL-Capped</c>). 0 = no cap. Operator TTLs are not capped.
    /// </summary>
    public long MaxTtlSeconds { get; set; } = 30L * 24 * 3600;
    /// <summary>Per-model TTL overrides; a key ending in <c>*</c> matches by prefix.</summary>
    public Dictionary<string, long> ModelTtlSeconds { get; set; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>An answer larger than this is passed through but not stored.</summary>
    public long MaxEntryBytes { get; set; } = 4 * 1024 * 1024;
    /// <summary>
    /// Longest a request waits for an identical one already in flight (single flight) before it goes upstream itself,
    /// so a slow or stuck leader holds nobody for longer.
    /// </summary>
    public int CoalesceWaitSeconds { get; set; } = 30;
    /// <summary>Requests with a higher temperature are forwarded but not stored. Null = no limit.</summary>
    public double? MaxTemperature { get; set; }
    /// <summary>
    /// Ask upstream for the usage of a stream whose client did not ask for it (<c>stream_options.include_usage</c>), so the
    /// entry has real tokens and cost; the client still gets the stream it asked for. A route turns it off with the
    /// metadata <c>"LlmCache.RequestStreamUsage": "off"</c> (for an upstream that refuses the option).
    /// </summary>
    public bool RequestStreamUsage { get; set; } = true;
    /// <summary>Secret for the passthrough partition HMAC; empty = generated and kept beside the SQLite file.</summary>
    public string PartitionSecret { get; set; } = "";

    public MemoryTierOptions Memory { get; set; } = new();
    public WarmupOptions Warmup { get; set; } = new();
    /// <summary>The same section the storage folder binds (<c>Cache:Sqlite</c>); here for the tier switch and the data folder.</summary>
    public SqliteOptions Sqlite { get; set; } = new();

    public KeySettings ToKeySettings() => KeySettings.Default with
    {
        Normalization = Normalization,
        ModelAliases = ModelAliases.ToDictionary(
            p => p.Key.Trim().ToLowerInvariant(), p => p.Value.Trim().ToLowerInvariant(), StringComparer.Ordinal),
        IgnoredParams = new HashSet<string>(IgnoredParams, StringComparer.Ordinal),
        ResponsesIgnoredParams = new HashSet<string>(ResponsesIgnoredParams, StringComparer.Ordinal),
        RoundedParams = new HashSet<string>(RoundedParams, StringComparer.Ordinal),
        VaryHeaders = VaryHeaders,
        MaxModelLength = MaxModelLength,
    };

    public TimeSpan? TtlFor(string model)
    {
        long seconds = DefaultTtlSeconds;
        int bestPrefix = -1;
        foreach (var (pattern, ttl) in ModelTtlSeconds)
        {
            if (string.Equals(pattern, model, StringComparison.OrdinalIgnoreCase))
            {
                seconds = ttl;
                bestPrefix = int.MaxValue;
                break;
            }

            if (pattern.EndsWith('*') && pattern.Length - 1 > bestPrefix &&
                model.StartsWith(pattern[..^1], StringComparison.OrdinalIgnoreCase))
            {
                seconds = ttl;
                bestPrefix = pattern.Length - 1;
            }
        }

        return seconds > 0 ? TimeSpan.FromSeconds(seconds) : null;
    }
}

internal sealed class MemoryTierOptions
{
    public bool Enabled { get; set; } = true;
    public long MaxBytes { get; set; } = 256L * 1024 * 1024;
}
