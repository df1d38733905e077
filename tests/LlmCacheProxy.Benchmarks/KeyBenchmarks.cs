using BenchmarkDotNet.Attributes;
using LlmCacheProxy.Keys;

namespace LlmCacheProxy.Benchmarks;

/// <summary>Cache key for a ~2 KB chat request (target: at most 5 us, few allocations).</summary>
[MemoryDiagnoser]
public class KeyBenchmarks
{
    private readonly CacheKeyBuilder _builder = new(KeySettings.Default);
    private readonly ReadOnlyMemory<byte> _body = BenchData.Request2Kb;

    [Benchmark]
    public string BuildKey2Kb() =>
        _builder.TryBuild(_body, "/v1/chat/completions", "shared", out var key) ? key.Hash : throw new InvalidOperationException();
}
