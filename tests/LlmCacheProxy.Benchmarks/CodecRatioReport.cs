using System.Globalization;
using LlmCacheProxy.Caching;
using LlmCacheProxy.Caching.Codec;
using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Benchmarks;

/// <summary>
/// <c>scripts/bench.sh --ratios</c>: the stored size of each realistic entry in each form, as a markdown table (zstd
/// levels 1 and 3, and level 1 encrypted: the envelope adds a fixed 31 + key id bytes).
/// </summary>
internal static class CodecRatioReport
{
    public static int Run()
    {
        var options = new EncryptionOptions { ActiveKeyId = "k1", Keys = { ["k1"] = Convert.ToBase64String(new byte[32]) } };
        var codec = new EntryCodec(Options.Create(new CompressionOptions()), EncryptionKeyRing.Load(options, []));
        using var level3 = new ZstdSharp.Compressor(3);
        Console.WriteLine("| entry | document | zstd-1 | ratio | zstd-3 | ratio | zstd-1 + AES-GCM |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (string kind in CodecSamples.Kinds)
        {
            var entry = CodecSamples.Entry(kind);
            byte[] document = CacheEntrySerializer.Serialize(entry);
            int one = codec.Encode(document, entry.CacheKey, new StoredForm(true, false)).Length;
            int three = level3.Wrap(document).Length;
            int sealedOne = codec.Encode(document, entry.CacheKey, new StoredForm(true, true)).Length;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {kind} | {document.Length:N0} B | {one:N0} B | {(double)document.Length / one:F1}x | {three:N0} B | {(double)document.Length / three:F1}x | {sealedOne:N0} B |"));
        }

        return 0;
    }
}
