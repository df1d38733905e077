using System.Text;
using LlmCacheProxy.Caching;
using LlmCacheProxy.Caching.Codec;

namespace LlmCacheProxy.Tests.Caching.Codec;

public sealed class EntryCodecTests
{
    private static readonly byte[] SecretBytes = Encoding.UTF8.GetBytes(CodecFixtures.Secret);

    [Fact]
    public void Encode_PlainForm_IsTheJsonDocument()
    {
        var entry = CodecFixtures.Entry();
        var document = CacheEntrySerializer.Serialize(entry);

        var stored = CodecFixtures.Codec(EntryCompression.None).Encode(document, entry.CacheKey, StoredForm.Plain);

        Assert.Equal(document, stored);
    }

    [Fact]
    public void Encode_Zstd_IsAStandardFrameSmallerThanTheDocument()
    {
        var entry = CodecFixtures.Entry();
        var document = CacheEntrySerializer.Serialize(entry);

        var stored = CodecFixtures.Codec().Encode(document, entry.CacheKey, new StoredForm(Zstd: true, Encrypted: false));

        Assert.Equal(new byte[] { 0x28, 0xB5, 0x2F, 0xFD }, stored[..4]);
        Assert.True(stored.Length < document.Length / 2, $"{stored.Length} of {document.Length}");
        using var standard = new ZstdSharp.Decompressor();
        Assert.Equal(document, standard.Unwrap(stored).ToArray());
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Read_EveryForm_GivesTheEntryBack(bool zstd, bool encrypted)
    {
        var codec = CodecFixtures.Encrypting();
        var entry = CodecFixtures.Entry();

        var stored = codec.Encode(CacheEntrySerializer.Serialize(entry), entry.CacheKey, new StoredForm(zstd, encrypted));
        var read = codec.Read(stored, entry.CacheKey, out var failure);

        Assert.Equal(DecodeFailure.None, failure);
        Assert.Equal(entry.Response.Body.ToArray(), read!.Response.Body.ToArray());
    }

    [Fact]
    public void Encode_Encrypted_HoldsNoAnswerText()
    {
        var codec = CodecFixtures.Encrypting();
        var entry = CodecFixtures.Entry();

        var stored = codec.Encode(CacheEntrySerializer.Serialize(entry), entry.CacheKey, new StoredForm(Zstd: false, Encrypted: true));

        Assert.Equal(EntryCodec.EnvelopeV1, stored[0]);
        Assert.Equal(-1, stored.AsSpan().IndexOf(SecretBytes));
    }

    [Fact]
    public void Read_EncryptedEntryMovedUnderAnotherKey_DoesNotOpen()
    {
        var codec = CodecFixtures.Encrypting();
        var entry = CodecFixtures.Entry();
        var stored = codec.Encode(CacheEntrySerializer.Serialize(entry), entry.CacheKey, new StoredForm(false, true));

        var read = codec.Read(stored, new string('b', 64), out var failure);

        Assert.Null(read);
        Assert.Equal(DecodeFailure.DecryptFailed, failure);
    }

    [Fact]
    public void Read_AfterRotation_OpensEntriesOfTheOldKey()
    {
        var entry = CodecFixtures.Entry();
        var stored = CodecFixtures.Encrypting("k1").Encode(CacheEntrySerializer.Serialize(entry), entry.CacheKey, new StoredForm(true, true));

        var read = CodecFixtures.Encrypting("k2").Read(stored, entry.CacheKey, out var failure);

        Assert.Equal(DecodeFailure.None, failure);
        Assert.NotNull(read);
    }

    [Fact]
    public void Read_KeyIdNoLongerConfigured_IsKeyUnavailable()
    {
        var entry = CodecFixtures.Entry();
        var stored = CodecFixtures.Encrypting("k1").Encode(CacheEntrySerializer.Serialize(entry), entry.CacheKey, new StoredForm(false, true));
        var withoutK1 = CodecFixtures.Codec(ring: CodecFixtures.Ring("k2", ("k2", CodecFixtures.Key2)));

        var read = withoutK1.Read(stored, entry.CacheKey, out var failure);

        Assert.Null(read);
        Assert.Equal(DecodeFailure.KeyUnavailable, failure);
    }

    [Fact]
    public void Read_OtherKeyMaterialUnderTheSameId_IsDecryptFailed()
    {
        var entry = CodecFixtures.Entry();
        var stored = CodecFixtures.Encrypting("k1").Encode(CacheEntrySerializer.Serialize(entry), entry.CacheKey, new StoredForm(false, true));
        var impostor = CodecFixtures.Codec(ring: CodecFixtures.Ring("k1", ("k1", CodecFixtures.Key2)));

        Assert.Null(impostor.Read(stored, entry.CacheKey, out var failure));
        Assert.Equal(DecodeFailure.DecryptFailed, failure);
    }

    [Fact]
    public void Read_ChangedFlags_DoNotOpen()
    {
        var codec = CodecFixtures.Encrypting();
        var entry = CodecFixtures.Entry();
        var stored = codec.Encode(CacheEntrySerializer.Serialize(entry), entry.CacheKey, new StoredForm(true, true));
        stored[1] &= unchecked((byte)~EntryCodec.FlagZstd);

        Assert.Null(codec.Read(stored, entry.CacheKey, out var failure));
        Assert.Equal(DecodeFailure.DecryptFailed, failure);
    }

    [Theory]
    [InlineData(new byte[] { 0xE2, 0x00, 0x7B })]
    [InlineData(new byte[] { 0xE1, 0x80, 0x7B })]
    [InlineData(new byte[] { 0x00 })]
    [InlineData(new byte[] { })]
    public void Read_UnknownVersionOrFlag_IsUnknownFormat(byte[] stored)
    {
        Assert.Null(CodecFixtures.Codec().Read(stored, new string('a', 64), out var failure));
        Assert.Equal(DecodeFailure.UnknownFormat, failure);
    }

    [Fact]
    public void Read_TruncatedZstdFrame_IsDecompressFailed()
    {
        var codec = CodecFixtures.Codec();
        var entry = CodecFixtures.Entry();
        var stored = codec.Encode(CacheEntrySerializer.Serialize(entry), entry.CacheKey, codec.Sqlite);

        Assert.Null(codec.Read(stored[..(stored.Length / 2)], entry.CacheKey, out var failure));
        Assert.Equal(DecodeFailure.DecompressFailed, failure);
    }

    [Fact]
    public void Read_LegacyJsonDocument_OpensAsBefore()
    {
        var entry = CodecFixtures.Entry();

        var read = CodecFixtures.Encrypting().Read(CacheEntrySerializer.Serialize(entry), entry.CacheKey, out var failure);

        Assert.Equal(DecodeFailure.None, failure);
        Assert.Equal(entry.CacheId, read!.CacheId);
    }

    [Theory]
    [InlineData(false, false, ".json")]
    [InlineData(true, false, ".json.zst")]
    [InlineData(false, true, ".json.enc")]
    [InlineData(true, true, ".json.zst.enc")]
    public void Extension_OfEachForm_SaysWhatTheObjectHolds(bool zstd, bool encrypted, string extension) =>
        Assert.Equal(extension, new StoredForm(zstd, encrypted).Extension);

    [Theory]
    [InlineData(false, false, "application/json", null)]
    [InlineData(true, false, "application/json", "zstd")]
    [InlineData(true, true, "application/octet-stream", null)]
    public void Describe_StoredBytes_GivesTheirS3Headers(bool zstd, bool encrypted, string contentType, string? contentEncoding)
    {
        var entry = CodecFixtures.Entry();
        var stored = CodecFixtures.Encrypting().Encode(CacheEntrySerializer.Serialize(entry), entry.CacheKey, new StoredForm(zstd, encrypted));

        Assert.Equal((contentType, contentEncoding), EntryCodec.Describe(stored));
    }

    [Fact]
    public void Forms_PerTierOverride_WinsOverCacheCompression()
    {
        var options = new CompressionOptions { Compression = "zstd", S3 = new TierCompressionOptions { Compression = "none" } };

        var codec = new EntryCodec(Microsoft.Extensions.Options.Options.Create(options), EncryptionKeyRing.None);

        Assert.Equal(new StoredForm(Zstd: true, Encrypted: false), codec.Sqlite);
        Assert.Equal(new StoredForm(Zstd: false, Encrypted: false), codec.S3);
    }
}
