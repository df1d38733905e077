using System.Text;

namespace LlmCacheProxy.Keys;

/// <summary>The query string in one form, so that spellings an upstream reads alike share a key.</summary>
internal static class RouteQuery
{
    /// <summary>
    /// Parses <c>name=value</c> pairs split on <c>&amp;</c> (a leading <c>?</c> and empty pairs dropped; a pair
    /// without <c>=</c> has the value ""), decodes them on bytes (<c>+</c> is a space, <c>%XX</c> a byte, a
    /// <c>%</c> without two hex digits stays itself), sorts them by name (UTF-8 byte order), and writes them back
    /// as <c>name=value</c> joined by <c>&amp;</c>, with every byte but <c>A-Z a-z 0-9 - . _ ~</c> as
    /// <c>%XX</c> (uppercase). "" when nothing is left.
    /// </summary>
    /// <remarks>
    /// The sort is stable: repeated names keep their order, because upstreams disagree on which of
    /// <c>a=1&amp;a=2</c> wins (first, last, or both joined), so swapping them may change the answer.
    /// Bytes, not strings: decoding to text would fold every invalid UTF-8 sequence into U+FFFD and let two
    /// different queries meet.
    /// </remarks>
    public static string Normalize(string? queryString)
    {
        if (string.IsNullOrEmpty(queryString))
        {
            return "";
        }

        var raw = Encoding.UTF8.GetBytes(queryString);
        var pairs = new List<(byte[] Name, byte[] Value)>();
        var rest = raw.AsSpan(raw[0] == (byte)'?' ? 1 : 0);
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf((byte)'&');
            var pair = end < 0 ? rest : rest[..end];
            rest = end < 0 ? default : rest[(end + 1)..];
            if (pair.IsEmpty)
            {
                continue;
            }

            var equals = pair.IndexOf((byte)'=');
            pairs.Add(equals < 0
                ? (Decode(pair), Array.Empty<byte>())
                : (Decode(pair[..equals]), Decode(pair[(equals + 1)..])));
        }

        if (pairs.Count == 0)
        {
            return "";
        }

        // List.Sort is not stable; OrderBy is.
        var sorted = pairs.OrderBy(p => p.Name, ByteOrder.Instance);
        var builder = new StringBuilder(raw.Length + 8);
        foreach (var (name, value) in sorted)
        {
            if (builder.Length > 0)
            {
                builder.Append('&');
            }

            Encode(name, builder);
            builder.Append('=');
            Encode(value, builder);
        }

        return builder.ToString();
    }

    private static byte[] Decode(ReadOnlySpan<byte> encoded)
    {
        var decoded = new byte[encoded.Length];
        var length = 0;
        for (var i = 0; i < encoded.Length; i++)
        {
            var b = encoded[i];
            if (b == (byte)'+')
            {
                decoded[length++] = (byte)' ';
            }
            else if (b == (byte)'%' && i + 2 < encoded.Length && IsHex(encoded[i + 1]) && IsHex(encoded[i + 2]))
            {
                decoded[length++] = (byte)((HexValue(encoded[i + 1]) << 4) | HexValue(encoded[i + 2]));
                i += 2;
            }
            else
            {
                decoded[length++] = b;
            }
        }

        return decoded[..length];
    }

    private static void Encode(byte[] bytes, StringBuilder builder)
    {
        const string Hex = "0123456789ABCDEF";
        foreach (var b in bytes)
        {
            if (b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9')
                or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(Hex[b >> 4]).Append(Hex[b & 0xF]);
            }
        }
    }

    private static bool IsHex(byte b) => b is (>= (byte)'0' and <= (byte)'9') or (>= (byte)'a' and <= (byte)'f') or (>= (byte)'A' and <= (byte)'F');

    private static int HexValue(byte b) => b <= (byte)'9' ? b - '0' : (b | 0x20) - 'a' + 10;

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
