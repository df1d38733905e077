using System.Collections.Frozen;

namespace LlmCacheProxy.Caching.Semantic;

/// <summary>
/// Short and long spellings of the same product name ("JS" / "JavaScript", "k8s" / "Kubernetes",
/// "VS Code" / "vscode"), folded to one so that the name and identifier checks treat them as one.
/// </summary>
internal static class FactAliases
{
    private static readonly FrozenDictionary<string, string> Words = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["js"] = "javascript", ["ts"] = "typescript", ["k8s"] = "kubernetes", ["postgres"] = "postgresql",
        ["golang"] = "go", ["mongo"] = "mongodb", ["nodejs"] = "node.js", ["node"] = "node.js", ["reactjs"] = "react",
        ["react.js"] = "react", ["vuejs"] = "vue", ["vue.js"] = "vue", ["nextjs"] = "next.js", ["dotnet"] = ".net",
        ["sklearn"] = "scikit-learn", ["gpt4"] = "gpt-4", ["gpt4o"] = "gpt-4o", ["chatgpt"] = "chatgpt",
        ["py"] = "python", ["python3"] = "python", ["tensorflow2"] = "tensorflow",
        ["euro"] = "eur", ["euros"] = "eur", ["dollar"] = "usd", ["dollars"] = "usd", ["yen"] = "jpy",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // Two-word spellings: (first, second) -> one identifier.
    private static readonly FrozenDictionary<(string, string), string> Pairs = new Dictionary<(string, string), string>
    {
        [("vs", "code")] = "vscode", [("visual", "studio")] = "visual-studio", [("github", "actions")] = "github-actions",
        [("sql", "server")] = "sql-server", [("google", "cloud")] = "gcp", [("amazon", "s3")] = "s3",
    }.ToFrozenDictionary();

    public static string Fold(string lowerWord) => Words.GetValueOrDefault(lowerWord, lowerWord);

    public static string? FoldPair(string first, string second) => Pairs.GetValueOrDefault((first, second));
}
