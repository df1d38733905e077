using BenchmarkDotNet.Attributes;
using LlmCacheProxy.Keys;

namespace LlmCacheProxy.Benchmarks;

/// <summary>
/// Cache key for a ~2 KB chat request (target: at most 5 us, few allocations). The DocumentPath rows run the
/// JsonDocument reference path alone (what every request took before the fast path), for a same-run ratio.
/// </summary>
[MemoryDiagnoser]
public class KeyBenchmarks
{
    private static readonly KeyScope Scope = KeyScope.Create("/v1/chat/completions", null, "shared", []);
    private readonly ChatKeyBuilder _builder = new(KeySettings.Default);
    private readonly ReadOnlyMemory<byte> _ascii = BenchData.Request2Kb;
    private readonly ReadOnlyMemory<byte> _escapedUnicode = BenchData.Request2KbEscapedUnicode;

    [Benchmark]
    public string BuildKey2Kb() => Build(_ascii);

    [Benchmark]
    public string BuildKey2KbDocumentPath() => BuildFromDocument(_ascii);

    [Benchmark]
    public string BuildKey2KbEscapedUnicode() => Build(_escapedUnicode);

    [Benchmark]
    public string BuildKey2KbEscapedUnicodeDocumentPath() => BuildFromDocument(_escapedUnicode);

    private string Build(ReadOnlyMemory<byte> body) =>
        _builder.TryBuild(body, Scope, out var key) ? key.Hash : throw new InvalidOperationException();

    private string BuildFromDocument(ReadOnlyMemory<byte> body) =>
        _builder.TryBuildFromDocument(body, Scope, out var key) ? key.Hash : throw new InvalidOperationException();
}
