using BenchmarkDotNet.Attributes;
using LlmCacheProxy.Keys;

namespace LlmCacheProxy.Benchmarks;

/// <summary>Cache key for a ~2 KB chat request (target: at most 5 us, few allocations).</summary>
[MemoryDiagnoser]
public class KeyBenchmarks
{
    private readonly CacheKeyBuilder _builder = new(KeySettings.Default);
    private readonly ReadOnlyMemory<byte> _ascii = BenchData.Request2Kb;
    private readonly ReadOnlyMemory<byte> _escapedUnicode = BenchData.Request2KbEscapedUnicode;

    [Benchmark]
    public string BuildKey2Kb() => Build(_ascii);

    [Benchmark]
    public string BuildKey2KbEscapedUnicode() => Build(_escapedUnicode);

    private string Build(ReadOnlyMemory<byte> body) =>
        _builder.TryBuild(body, "/v1/chat/completions", "shared", out var key) ? key.Hash : throw new InvalidOperationException();
}
