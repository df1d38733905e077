using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using ZstdSharp;

namespace LlmCacheProxy.Caching.Codec;

// Stored entry bytes (an entries.body in SQLite, an entry object in S3), told apart by their first byte:
//
//   '{' or JSON white space  the entry document itself (CacheEntrySerializer): every release before this one wrote
//                            only this, so old rows and objects stay readable and a database may mix forms.
//   28 B5 2F FD              a standard zstd frame (content size in its header) of the entry document: what
//                            Cache:Compression=zstd writes without encryption; `zstd -d` opens it.
//   E1                       envelope, version 1 (written when encrypting):
//     [0]        0xE1
//     [1]        flags: 0x01 the payload is a zstd frame of the document (else the document), 0x02 AES-256-GCM;
//                any other bit set: an unknown version
//     with 0x02: [2] n = length of the key id (1..64); [3, 3+n) the key id, ASCII (a Cache:Encryption:Keys id);
//                then 12 bytes nonce (random per write), 16 bytes GCM tag, and the ciphertext of the payload.
//                Associated data: bytes [0, 3+n) followed by the UTF-8 cache key, so a changed header or an entry
//                copied under another key fails to open.
//     without:   [2..] the payload itself.
//   anything else            an unknown version.
//
// A form that does not open (unknown first byte, unknown flag, missing key id, failed tag, broken frame, a frame
// claiming more than MaxDocumentBytes) is a miss, never an error.

/// <summary>
/// The one place that turns an entry document into the bytes a tier stores (per tier: <see cref="Sqlite"/>,
/// <see cref="S3"/>) and any stored bytes back into an entry. Memory keeps objects and never comes here.
/// </summary>
internal sealed class EntryCodec
{
    public const byte EnvelopeV1 = 0xE1;
    public const byte FlagZstd = 0x01;
    public const byte FlagAesGcm = 0x02;

    /// <summary>Largest document a zstd frame may claim: a bound on what a hostile frame can make us allocate.</summary>
    public const int MaxDocumentBytes = 256 * 1024 * 1024;

    /// <summary>Level 1: on realistic entries its ratio is within 1 % of level 3 (README: measured compression).</summary>
    public const int ZstdLevel = 1;

    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private const int StackAadBytes = 256;

    [ThreadStatic]
    private static Compressor? t_compressor;

    [ThreadStatic]
    private static Decompressor? t_decompressor;

    private readonly EncryptionKeyRing _keys;

    public EntryCodec(IOptions<CompressionOptions> compression, EncryptionKeyRing keys)
    {
        _keys = keys;
        Sqlite = new StoredForm(compression.Value.SqliteZstd, keys.Enabled);
        S3 = new StoredForm(compression.Value.S3Zstd, keys.Enabled);
    }

    public StoredForm Sqlite { get; }

    public StoredForm S3 { get; }

    /// <summary>The stored bytes of <paramref name="document"/> (returned as is for the plain form).</summary>
    public byte[] Encode(byte[] document, string cacheKey, StoredForm form)
    {
        byte[] payload = form.Zstd ? Compress(document) : document;
        return form.Encrypted ? Encrypt(payload, cacheKey, form.Zstd) : payload;
    }

    /// <summary>The entry in <paramref name="stored"/>, or null with the reason (a miss).</summary>
    public CacheEntry? Read(ReadOnlyMemory<byte> stored, string cacheKey, out DecodeFailure failure)
    {
        var document = Open(stored, cacheKey, out failure);
        if (document is not { } json)
        {
            return null;
        }

        var entry = CacheEntrySerializer.Deserialize(json);
        failure = entry is null ? DecodeFailure.NotAnEntry : DecodeFailure.None;
        return entry;
    }

    /// <summary>The entry document inside <paramref name="stored"/>, or null with the reason.</summary>
    public ReadOnlyMemory<byte>? Open(ReadOnlyMemory<byte> stored, string cacheKey, out DecodeFailure failure)
    {
        failure = DecodeFailure.None;
        var span = stored.Span;
        if (span.IsEmpty)
        {
            failure = DecodeFailure.UnknownFormat;
            return null;
        }

        if (IsJsonStart(span[0]))
        {
            return stored;
        }

        if (IsZstdFrame(span))
        {
            return Memory(Decompress(span, out failure));
        }

        if (span[0] != EnvelopeV1 || span.Length < 2 || (span[1] & ~(FlagZstd | FlagAesGcm)) != 0)
        {
            failure = DecodeFailure.UnknownFormat;
            return null;
        }

        bool zstd = (span[1] & FlagZstd) != 0;
        if ((span[1] & FlagAesGcm) == 0)
        {
            return zstd ? Memory(Decompress(span[2..], out failure)) : stored[2..];
        }

        if (Decrypt(span, cacheKey, out failure) is not { } payload)
        {
            return null;
        }

        return zstd ? Memory(Decompress(payload, out failure)) : Memory(payload);
    }

    // byte[] converts to ReadOnlyMemory implicitly, and a null array to an empty (non-null) one: keep null a null.
    private static ReadOnlyMemory<byte>? Memory(byte[]? bytes) => bytes is null ? (ReadOnlyMemory<byte>?)null : bytes;

    /// <summary>The headers an S3 object of these bytes carries, so standard tools know what they hold.</summary>
    public static (string ContentType, string? ContentEncoding) Describe(ReadOnlySpan<byte> stored) =>
        !stored.IsEmpty && IsJsonStart(stored[0]) ? ("application/json", null)
        : IsZstdFrame(stored) ? ("application/json", "zstd")
        : ("application/octet-stream", null);

    private static bool IsJsonStart(byte b) => b is (byte)'{' or (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t';

    private static bool IsZstdFrame(ReadOnlySpan<byte> span) =>
        span.Length >= 4 && span[0] == 0x28 && span[1] == 0xB5 && span[2] == 0x2F && span[3] == 0xFD;

    private static byte[] Compress(byte[] document)
    {
        var compressor = t_compressor ??= new Compressor(ZstdLevel);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Compressor.GetCompressBound(document.Length));
        try
        {
            int written = compressor.Wrap(document, buffer);
            return buffer.AsSpan(0, written).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static byte[]? Decompress(ReadOnlySpan<byte> frame, out DecodeFailure failure)
    {
        try
        {
            var decompressor = t_decompressor ??= new Decompressor();
            ulong declared = Decompressor.GetDecompressedSize(frame);
            var document = decompressor.Unwrap(frame, MaxDocumentBytes);
            // A truncated frame can decode to a prefix without an error: the size its header declares must be met.
            if ((ulong)document.Length != declared)
            {
                failure = DecodeFailure.DecompressFailed;
                return null;
            }

            failure = DecodeFailure.None;
            return document.ToArray();
        }
        catch (ZstdException)
        {
            failure = DecodeFailure.DecompressFailed;
            return null;
        }
    }

    private byte[] Encrypt(byte[] payload, string cacheKey, bool zstd)
    {
        string id = _keys.ActiveKeyId ?? throw new InvalidOperationException("Encryption is off.");
        int header = 3 + id.Length;
        var output = new byte[header + NonceBytes + TagBytes + payload.Length];
        output[0] = EnvelopeV1;
        output[1] = (byte)(FlagAesGcm | (zstd ? FlagZstd : 0));
        output[2] = (byte)id.Length;
        Encoding.ASCII.GetBytes(id, output.AsSpan(3));
        var nonce = output.AsSpan(header, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        int aadLength = AssociatedDataLength(header, cacheKey);
        Span<byte> aad = aadLength <= StackAadBytes ? stackalloc byte[StackAadBytes] : new byte[aadLength];
        aad = WriteAssociatedData(output.AsSpan(0, header), cacheKey, aad[..aadLength]);
        using var aes = new AesGcm(_keys.ActiveKey, TagBytes);
        aes.Encrypt(nonce, payload, output.AsSpan(header + NonceBytes + TagBytes), output.AsSpan(header + NonceBytes, TagBytes), aad);
        return output;
    }

    private byte[]? Decrypt(ReadOnlySpan<byte> stored, string cacheKey, out DecodeFailure failure)
    {
        int idLength = stored.Length > 2 ? stored[2] : 0;
        int header = 3 + idLength;
        if (idLength == 0 || stored.Length < header + NonceBytes + TagBytes)
        {
            failure = DecodeFailure.UnknownFormat;
            return null;
        }

        string id = Encoding.ASCII.GetString(stored.Slice(3, idLength));
        if (!_keys.TryGet(id, out var key))
        {
            failure = DecodeFailure.KeyUnavailable;
            return null;
        }

        int aadLength = AssociatedDataLength(header, cacheKey);
        Span<byte> aad = aadLength <= StackAadBytes ? stackalloc byte[StackAadBytes] : new byte[aadLength];
        aad = WriteAssociatedData(stored[..header], cacheKey, aad[..aadLength]);
        var plaintext = new byte[stored.Length - header - NonceBytes - TagBytes];
        try
        {
            using var aes = new AesGcm(key, TagBytes);
            aes.Decrypt(stored.Slice(header, NonceBytes), stored[(header + NonceBytes + TagBytes)..],
                stored.Slice(header + NonceBytes, TagBytes), plaintext, aad);
            failure = DecodeFailure.None;
            return plaintext;
        }
        catch (CryptographicException)
        {
            failure = DecodeFailure.DecryptFailed;
            return null;
        }
    }

    private static int AssociatedDataLength(int header, string cacheKey) => header + Encoding.UTF8.GetByteCount(cacheKey);

    /// <summary>Header bytes, then the UTF-8 cache key.</summary>
    private static Span<byte> WriteAssociatedData(ReadOnlySpan<byte> header, string cacheKey, Span<byte> aad)
    {
        header.CopyTo(aad);
        Encoding.UTF8.GetBytes(cacheKey, aad[header.Length..]);
        return aad;
    }
}
