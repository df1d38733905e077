using System.Text;
using System.Text.Json;

namespace LlmCacheProxy.Keys;

/// <summary>
/// <see cref="TextNormalizer.Normalize"/> for Exact and Trim, done on UTF-8 bytes so the key's fast path
/// needs no string. It only says "false" where it cannot give the same bytes (text that is not NFC); the
/// caller then takes the string path.
/// </summary>
internal static class Utf8TextNormalizer
{
    // Every code point below U+0300 (the first combining mark) is NFC whatever surrounds it, and all of
    // them are written with lead bytes below 0xCC; continuation bytes (0x80..0xBF) never reach that range.
    private const byte FirstLeadByteFromU0300 = 0xCC;
    private const int StackCharLimit = 256;

    /// <summary>
    /// Unescapes a JSON string's content into <paramref name="destination"/> (as long as the content: JSON
    /// unescaping never grows). False for a lone surrogate escape, which is not text.
    /// </summary>
    public static bool TryUnescape(ReadOnlySpan<byte> quoted, Span<byte> destination, out int written)
    {
        var content = quoted[1..^1];
        if (content.IndexOf("\\u"u8) >= 0)
        {
            // \u escapes can pair into surrogates: the reader knows those rules (and rejects lone halves).
            try
            {
                var reader = new Utf8JsonReader(quoted);
                reader.Read();
                written = reader.CopyString(destination);
                return true;
            }
            catch (InvalidOperationException)
            {
                written = 0;
                return false;
            }
        }

        written = 0;
        while (true)
        {
            var backslash = content.IndexOf((byte)'\\');
            if (backslash < 0)
            {
                content.CopyTo(destination[written..]);
                written += content.Length;
                return true;
            }

            content[..backslash].CopyTo(destination[written..]);
            written += backslash;
            destination[written++] = content[backslash + 1] switch
            {
                (byte)'n' => (byte)'\n',
                (byte)'t' => (byte)'\t',
                (byte)'r' => (byte)'\r',
                (byte)'b' => (byte)'\b',
                (byte)'f' => (byte)'\f',
                var same => same, // \" \\ \/ (the reader has already refused anything else)
            };
            content = content[(backslash + 2)..];
        }
    }

    /// <summary>CRLF and lone CR become LF, in place; returns the new length.</summary>
    public static int ReplaceCarriageReturns(Span<byte> text)
    {
        var written = text.IndexOf((byte)'\r');
        if (written < 0)
        {
            return text.Length;
        }

        for (var i = written; i < text.Length; i++)
        {
            if (text[i] == (byte)'\r' && i + 1 < text.Length && text[i + 1] == (byte)'\n')
            {
                continue;
            }

            text[written++] = text[i] == (byte)'\r' ? (byte)'\n' : text[i];
        }

        return written;
    }

    /// <summary>
    /// The normalized part of text that holds no CR: all of it (Exact) or trimmed like string.Trim (Trim).
    /// False when the text is not NFC or the mode is Loose.
    /// </summary>
    public static bool TryNormalize(ReadOnlySpan<byte> text, NormalizationMode mode, out Range normalized)
    {
        normalized = default;
        if (mode == NormalizationMode.Loose || !IsNfc(text))
        {
            return false;
        }

        if (mode == NormalizationMode.Exact)
        {
            normalized = 0..text.Length;
            return true;
        }

        // Rune.IsWhiteSpace is char.IsWhiteSpace (what Trim uses) for every char, and no whitespace is
        // outside the BMP, so trimming runes trims exactly what Trim would.
        var start = 0;
        while (start < text.Length
            && Rune.DecodeFromUtf8(text[start..], out var rune, out var size) == System.Buffers.OperationStatus.Done
            && Rune.IsWhiteSpace(rune))
        {
            start += size;
        }

        var end = text.Length;
        while (end > start
            && Rune.DecodeLastFromUtf8(text[start..end], out var rune, out var size) == System.Buffers.OperationStatus.Done
            && Rune.IsWhiteSpace(rune))
        {
            end -= size;
        }

        normalized = start..end;
        return true;
    }

    private static bool IsNfc(ReadOnlySpan<byte> text)
    {
        if (text.IndexOfAnyInRange(FirstLeadByteFromU0300, (byte)0xFF) < 0)
        {
            return true;
        }

        char[]? rented = null;
        var chars = text.Length <= StackCharLimit
            ? stackalloc char[StackCharLimit]
            : (rented = System.Buffers.ArrayPool<char>.Shared.Rent(text.Length));
        try
        {
            // Valid UTF-8 (the body was checked) never needs more UTF-16 chars than it has bytes.
            var status = System.Text.Unicode.Utf8.ToUtf16(
                text, chars, out _, out var length, replaceInvalidSequences: false);
            return status == System.Buffers.OperationStatus.Done
                && ((ReadOnlySpan<char>)chars[..length]).IsNormalized(NormalizationForm.FormC);
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<char>.Shared.Return(rented);
            }
        }
    }
}
