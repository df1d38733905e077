using System.Text.Json;

namespace LlmCacheProxy.Tests.Caching.Semantic;

/// <summary>
/// One line of pairs.jsonl: {"expect":"hit"|"miss","category":"...","a":"...","b":"..."}. "hit" = the
/// same question (one answer serves both); "miss" = a near miss that must not share an answer.
/// </summary>
internal sealed record LabeledPair(string A, string B, bool ShouldHit, string Category)
{
    public static IReadOnlyList<LabeledPair> Load(string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Caching", "Semantic", fileName);
        return [.. File.ReadLines(path).Where(l => l.Length > 0).Select(Parse)];
    }

    private static LabeledPair Parse(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        var expect = root.GetProperty("expect").GetString();
        return new LabeledPair(
            root.GetProperty("a").GetString()!,
            root.GetProperty("b").GetString()!,
            expect switch { "hit" => true, "miss" => false, _ => throw new FormatException($"expect must be hit or miss: {line}") },
            root.GetProperty("category").GetString()!);
    }
}
