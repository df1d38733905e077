using BenchmarkDotNet.Attributes;
using LlmCacheProxy.Caching.Memory;
using LlmCacheProxy.Caching;
using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Benchmarks;

/// <summary>Memory-tier lookup (hit and miss) and the entry document serializer.</summary>
[MemoryDiagnoser]
public class TierBenchmarks
{
    private const string HitKey = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private const string MissKey = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";
    private MemoryTier _tier = null!;
    private CacheEntry _entry = null!;
    private byte[] _document = [];

    [GlobalSetup]
    public void Setup()
    {
        _tier = new MemoryTier(Options.Create(new CacheOptions()));
        _entry = BenchData.Entry(HitKey);
        for (int i = 0; i < 10_000; i++)
        {
            Store(BenchData.Entry(i.ToString("x64", System.Globalization.CultureInfo.InvariantCulture)));
        }

        Store(_entry);
        _document = CacheEntrySerializer.Serialize(_entry);
    }

    // The memory tier keeps the object and never touches the database write it is handed.
    private void Store(CacheEntry entry) => _tier.Stage(entry, CacheWriteKind.Store, new EntryWrite(entry, null!, null!, TimeProvider.System));

    [GlobalCleanup]
    public void Cleanup() => _tier.Dispose();

    [Benchmark]
    public bool MemoryLookupHit() => _tier.GetAsync(HitKey, default).Result is not null;

    [Benchmark]
    public bool MemoryLookupMiss() => _tier.GetAsync(MissKey, default).Result is not null;

    [Benchmark]
    public byte[] SerializeEntry() => CacheEntrySerializer.Serialize(_entry);

    [Benchmark]
    public long DeserializeEntry() => CacheEntrySerializer.Deserialize(_document)!.LatencyMs;
}
