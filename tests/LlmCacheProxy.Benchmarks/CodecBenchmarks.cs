using BenchmarkDotNet.Attributes;
using LlmCacheProxy.Caching;
using LlmCacheProxy.Caching.Codec;
using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Benchmarks;

/// <summary>
/// CPU per store (serialize + encode) and per read (open + deserialize) of realistic entries in each stored form;
/// zstd level 1 (what the codec writes) against level 3 for the compression alone.
/// </summary>
[MemoryDiagnoser]
public class CodecBenchmarks
{
    private EntryCodec _codec = null!;
    private CacheEntry _entry = null!;
    private byte[] _document = [];
    private byte[] _zstd = [];
    private byte[] _sealed = [];
    private ZstdSharp.Compressor _level3 = null!;

    [ParamsSource(nameof(Kinds))]
    public string Kind { get; set; } = CodecSamples.Chat;

    public static IEnumerable<string> Kinds => CodecSamples.Kinds;

    [GlobalSetup]
    public void Setup()
    {
        var options = new EncryptionOptions { ActiveKeyId = "k1", Keys = { ["k1"] = Convert.ToBase64String(new byte[32]) } };
        _codec = new EntryCodec(Options.Create(new CompressionOptions()), EncryptionKeyRing.Load(options, []));
        _entry = CodecSamples.Entry(Kind);
        _document = CacheEntrySerializer.Serialize(_entry);
        _zstd = _codec.Encode(_document, _entry.CacheKey, new StoredForm(Zstd: true, Encrypted: false));
        _sealed = _codec.Encode(_document, _entry.CacheKey, new StoredForm(Zstd: true, Encrypted: true));
        _level3 = new ZstdSharp.Compressor(3);
    }

    [GlobalCleanup]
    public void Cleanup() => _level3.Dispose();

    [Benchmark(Baseline = true)]
    public int StorePlain() => CacheEntrySerializer.Serialize(_entry).Length;

    [Benchmark]
    public int StoreZstd() => _codec.Encode(CacheEntrySerializer.Serialize(_entry), _entry.CacheKey, new StoredForm(true, false)).Length;

    [Benchmark]
    public int StoreZstdEncrypted() => _codec.Encode(CacheEntrySerializer.Serialize(_entry), _entry.CacheKey, new StoredForm(true, true)).Length;

    [Benchmark]
    public int CompressOnlyLevel1() => _codec.Encode(_document, _entry.CacheKey, new StoredForm(true, false)).Length;

    [Benchmark]
    public int CompressOnlyLevel3() => _level3.Wrap(_document).Length;

    [Benchmark]
    public long ReadPlain() => _codec.Read(_document, _entry.CacheKey, out _)!.LatencyMs;

    [Benchmark]
    public long ReadZstd() => _codec.Read(_zstd, _entry.CacheKey, out _)!.LatencyMs;

    [Benchmark]
    public long ReadZstdEncrypted() => _codec.Read(_sealed, _entry.CacheKey, out _)!.LatencyMs;
}
