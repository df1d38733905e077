using System.Text;
using System.Text.Json.Nodes;

namespace LlmCacheProxy.IntegrationTests.Endpoints.Differential;

/// <summary>Ways of writing the same request value that the key rules say are the same (KEYS.md), and words to build texts from.</summary>
internal static class Spellings
{
    private static readonly string[] Words =
        ["cache", "proxy", "what", "is", "a", "token", "café", "naïve", "日本", "embedding", "vector", "why", "the", "sky", "blue", "🙂"];

    /// <summary>A text unique to the variant (its number in it), a few words, sometimes over two lines.</summary>
    public static string Text(Random random, int variant)
    {
        var text = new StringBuilder($"v{variant}");
        for (int i = random.Next(1, 6); i > 0; i--)
        {
            text.Append(random.Next(6) == 0 ? '\n' : ' ').Append(Words[random.Next(Words.Length)]);
        }

        return text.ToString();
    }

    /// <summary>The model as a client may write it: any case, spaces around it.</summary>
    public static string Model(Random random, string model)
    {
        var cased = new string(model.Select(c => random.Next(3) == 0 ? char.ToUpperInvariant(c) : c).ToArray());
        return Pick(random, "", " ", "\t") + cased + Pick(random, "", " ", "\n");
    }

    /// <summary>The same text under the Exact rules: CRLF for LF, or the decomposed form of an accent (NFC makes them one).</summary>
    public static string Exact(Random random, string text)
    {
        if (random.Next(2) == 0)
        {
            text = text.Replace("\n", "\r\n", StringComparison.Ordinal);
        }

        return random.Next(2) == 0 ? text.Normalize(NormalizationForm.FormD) : text;
    }

    /// <summary>The same text under the default Trim rules: Exact, plus whitespace around it.</summary>
    public static string Trimmed(Random random, string text) =>
        Pick(random, "", " ", "\n", "  \t") + Exact(random, text) + Pick(random, "", " ", "\r\n", " \n ");

    public static T Pick<T>(Random random, params T[] values) => values[random.Next(values.Length)];

    /// <summary>Sets <paramref name="name"/> two times in five.</summary>
    public static void Sometimes(Random random, JsonObject body, string name, JsonNode? value)
    {
        if (random.Next(5) < 2)
        {
            body[name] = value;
        }
    }
}
