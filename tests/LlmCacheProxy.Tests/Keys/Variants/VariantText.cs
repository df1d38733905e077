using System.Text.Json.Nodes;

namespace LlmCacheProxy.Tests.Keys.Variants;

/// <summary>Random text with no leading or trailing whitespace, no CR and in NFC, and its same-meaning spellings.</summary>
internal static class VariantText
{
    private static readonly string[] Words =
        ["Hello", "world", "café", "日本語", "😀", "\"q\"", "a\\b", "tab\there", "x/y", "Ünïcödé", "2+2", "Zeile", "é"];

    private static readonly string[] Pads = ["", "", " ", "  ", "\n", "\t", "\u3000", "\u00a0", " \r\n"];

    public static string Random(Random random)
    {
        var count = random.Next(1, 5);
        var words = new string[count];
        for (var i = 0; i < count; i++)
        {
            words[i] = Words[random.Next(Words.Length)];
        }

        return string.Join(random.Next(3) == 0 ? "\n" : " ", words);
    }

    /// <summary>The same text under Trim: padded ends, LF as CRLF or CR, é decomposed (unless plain).</summary>
    public static string Trimmable(Random random, string text, bool plain = false) =>
        Pads[random.Next(Pads.Length)] + Exact(random, text, plain) + Pads[random.Next(Pads.Length)];

    /// <summary>
    /// The same text under Exact: LF as CRLF or CR, é decomposed; nothing trimmed. Plain keeps NFC, which the
    /// chat fast path needs (text that is not NFC goes to the document path).
    /// </summary>
    public static string Exact(Random random, string text, bool plain = false)
    {
        var newline = random.Next(3) switch { 0 => "\n", 1 => "\r\n", _ => "\r" };
        var accent = plain || random.Next(2) == 0 ? "é" : "e\u0301";
        return text.Replace("\n", newline, StringComparison.Ordinal).Replace("é", accent, StringComparison.Ordinal);
    }

    public static JsonNode Pick(Random random, params JsonNode[] options) => options[random.Next(options.Length)].DeepClone();

    public static string Pick(Random random, params string[] options) => options[random.Next(options.Length)];

    /// <summary>A model or role as SDKs and people write it: any case, stray spaces (and a tab, unless plain).</summary>
    public static string Model(Random random, string model, bool plain = false)
    {
        var chars = model.Select(c => random.Next(3) == 0 ? char.ToUpperInvariant(c) : c).ToArray();
        return Pick(random, "", " ", "  ") + new string(chars) + (plain ? Pick(random, "", " ") : Pick(random, "", " ", "\t"));
    }
}
