using BenchmarkDotNet.Attributes;
using LlmCacheProxy.Caching.Semantic;

namespace LlmCacheProxy.Benchmarks;

/// <summary>
/// Semantic index search (the part of a semantic miss after the embedding; the local model's
/// embedding time is in docs/semantic/evaluation.md): 384-dimension vectors, 1k and 100k entries, all
/// in the searched scope or spread over 1,000 scopes (the searched scope then holds 1/1000 of them).
/// GlobalSetup prints the measured heap bytes per entry and the index's own estimate.
///   scripts/bench.sh --micro '*SemanticBenchmarks*'
/// </summary>
[MemoryDiagnoser]
public class SemanticBenchmarks
{
    private const int Dimensions = 384;
    private SemanticIndex _index = null!;
    private float[] _query = null!;

    [Params(1_000, 100_000)]
    public int Entries { get; set; }

    [Params(1, 1_000)]
    public int Scopes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(17);
        var facts = QuestionFacts.Extract("How do I set max_tokens to 500 for gpt-4o in Python?");
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        _index = new SemanticIndex(long.MaxValue);
        var vector = new float[Dimensions];
        for (var i = 0; i < Entries; i++)
        {
            for (var d = 0; d < Dimensions; d++)
            {
                vector[d] = (float)(random.NextDouble() - 0.5);
            }

            // A 64-character key, like a SHA-256 cache key in hex.
            _index.Add($"scope-{i % Scopes}", i.ToString("D64", System.Globalization.CultureInfo.InvariantCulture), vector, DateTimeOffset.UnixEpoch, facts);
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        _query = [.. vector];
        Console.WriteLine($"// semantic index: {Entries} entries in {Scopes} scope(s): {(after - before) / (double)Entries:F0} heap bytes per entry measured, {_index.Bytes / (double)Entries:F0} estimated");
    }

    [Benchmark]
    public int SearchTop5() => _index.Search("scope-0", _query, k: 5).Count;

    [Benchmark]
    public int SearchTop5WithLiveness() => _index.Search("scope-0", _query, k: 5, isLive: e => e.CreatedAt >= DateTimeOffset.UnixEpoch).Count;
}
