using System.Text;

namespace LlmCacheProxy.Keys;

/// <summary>Normalizes message text per <see cref="NormalizationMode"/>.</summary>
internal static class TextNormalizer
{
    /// <summary>
    /// True when a string, given as the raw UTF-8 between its quotes, is already normalized, so it can be
    /// written without decoding: no escapes, ASCII only (ASCII is always NFC), and the mode's rules hold.
    /// </summary>
    public static bool IsNormalizedAsIs(ReadOnlySpan<byte> rawContent, NormalizationMode mode)
    {
        // Unescaped JSON text cannot hold control chars, so ' ' is the only ASCII whitespace left to check.
        if (rawContent.IndexOf((byte)'\\') >= 0 || !System.Text.Ascii.IsValid(rawContent))
        {
            return false;
        }

        if (mode == NormalizationMode.Exact || rawContent.IsEmpty)
        {
            return true;
        }

        if (rawContent[0] == (byte)' ' || rawContent[^1] == (byte)' ')
        {
            return false;
        }

        return mode == NormalizationMode.Trim
            || (rawContent.IndexOf("  "u8) < 0 && !rawContent.ContainsAnyInRange((byte)'A', (byte)'Z'));
    }

    /// <summary>Throws <see cref="ArgumentException"/> for text that is not valid UTF-16.</summary>
    public static string Normalize(string text, NormalizationMode mode)
    {
        if (text.Contains('\r'))
        {
            text = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        }

        if (!text.IsNormalized(NormalizationForm.FormC))
        {
            text = text.Normalize(NormalizationForm.FormC);
        }

        if (mode == NormalizationMode.Exact)
        {
            return text;
        }

        text = text.Trim();
        return mode == NormalizationMode.Trim ? text : CollapseWhitespace(text).ToLowerInvariant();
    }

    private static string CollapseWhitespace(string text)
    {
        if (!NeedsCollapse(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        var inRun = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                if (!inRun)
                {
                    builder.Append(' ');
                }

                inRun = true;
            }
            else
            {
                builder.Append(c);
                inRun = false;
            }
        }

        return builder.ToString();
    }

    private static bool NeedsCollapse(string text)
    {
        var previousWasSpace = false;
        foreach (var c in text)
        {
            var isSpace = c == ' ';
            if ((isSpace && previousWasSpace) || (!isSpace && char.IsWhiteSpace(c)))
            {
                return true;
            }

            previousWasSpace = isSpace;
        }

        return false;
    }
}
