namespace LlmCacheProxy.Caching;

/// <summary>The levels of the tiered cache, like HybridCache's L1/L2: names in headers and metrics, and lookup order.</summary>
internal static class CacheTierNames
{
    public const string Memory = "memory";
    public const string Sqlite = "sqlite";
    public const string Redis = "redis";
    public const string S3 = "s3";

    /// <summary>Lookup order: a lower number is asked first, and a hit is promoted into every lower number.</summary>
    public static int Level(string tier) => tier switch
    {
        Memory => 1,
        Sqlite => 2,
        Redis => 3,
        S3 => 4,
        _ => 100,
    };
}
