using System.Text;
using LlmCacheProxy.Caching;
using LlmCacheProxy.Caching.Codec;
using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Tests.Caching.Codec;

/// <summary>Codecs over fixed test keys, and an entry whose text is easy to look for in stored bytes.</summary>
internal static class CodecFixtures
{
    public const string Secret = "the-answer-text-in-plain-sight";
    public static readonly string Key1 = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    public static readonly string Key2 = Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray());

    public static CacheEntry Entry(string? cacheKey = null) => CacheEntrySerializerTests.Entry(
        Encoding.UTF8.GetBytes("{\"choices\":[{\"message\":{\"content\":\"" + Secret + " " + string.Concat(Enumerable.Repeat("again and again ", 40)) + "\"}}]}"))
        with { CacheKey = cacheKey ?? new string('a', 64) };

    public static EncryptionKeyRing Ring(string active, params (string Id, string Base64)[] keys)
    {
        var options = new EncryptionOptions { ActiveKeyId = active };
        foreach (var (id, value) in keys)
        {
            options.Keys[id] = value;
        }

        var errors = new List<string>();
        var ring = EncryptionKeyRing.Load(options, errors);
        Assert.Empty(errors);
        return ring;
    }

    public static EntryCodec Codec(string compression = EntryCompression.Zstd, EncryptionKeyRing? ring = null) =>
        new(Options.Create(new CompressionOptions { Compression = compression }), ring ?? EncryptionKeyRing.None);

    public static EntryCodec Encrypting(string activeId = "k1", string compression = EntryCompression.None) =>
        Codec(compression, Ring(activeId, ("k1", Key1), ("k2", Key2)));
}
