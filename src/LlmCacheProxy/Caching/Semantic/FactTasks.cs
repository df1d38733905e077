using System.Collections.Frozen;

namespace LlmCacheProxy.Caching.Semantic;

/// <summary>
/// What the question asks to be done: write, explain, fix, test, document, refactor, optimize,
/// translate, summarize, review, validate, train, evaluate. Two questions that both name a task but
/// not the same tasks ask for different work on the same topic ("write a query" / "explain this
/// query"). A question that names none ("how do I ...") says nothing. Words that are as often a
/// noun or a command name ("build", "code", "design", "document") are left out.
/// </summary>
internal static class FactTasks
{
    private static readonly (string Task, string[] Words)[] Table =
    [
        ("write", ["write", "writes", "writing", "create", "creates", "creating", "implement", "implements", "implementing",
            "implementation", "generate", "generates", "generating", "develop", "draft", "compose"]),
        ("explain", ["explain", "explains", "explaining", "explanation", "describe", "describes", "describing", "description",
            "clarify", "elaborate"]),
        ("fix", ["fix", "fixes", "fixing", "debug", "debugging", "troubleshoot", "troubleshooting", "resolve", "repair"]),
        ("test", ["test", "tests", "testing", "unit-test", "unit-tests"]),
        ("document", ["documentation", "docs", "docstring", "docstrings", "comment", "comments", "annotate"]),
        ("refactor", ["refactor", "refactors", "refactoring", "restructure", "rewrite", "rewriting"]),
        ("optimize", ["optimize", "optimise", "optimizing", "optimising", "optimization", "optimisation"]),
        ("translate", ["translate", "translates", "translating", "translation"]),
        ("summarize", ["summarize", "summarise", "summarizing", "summarising", "summary", "recap"]),
        ("review", ["review", "reviewing", "proofread", "proofreading", "critique"]),
        ("validate", ["validate", "validates", "validating", "validation", "verify", "verifying"]),
        ("train", ["train", "training", "fine-tune", "finetune", "fine-tuning"]),
        ("evaluate", ["evaluate", "evaluates", "evaluating", "evaluation"]),
    ];

    private static readonly FrozenDictionary<string, int> Words = Table
        .SelectMany((row, index) => row.Words.Select(w => (w, index)))
        .ToFrozenDictionary(p => p.w, p => p.index, StringComparer.Ordinal);

    /// <summary>The task index of a lower-case word, or -1.</summary>
    public static int Find(string word) => Words.GetValueOrDefault(word, -1);

    public static string Name(int task) => Table[task].Task;
}
