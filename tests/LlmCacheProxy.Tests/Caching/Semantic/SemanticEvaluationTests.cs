using LlmCacheProxy.Caching.Semantic;

namespace LlmCacheProxy.Tests.Caching.Semantic;

/// <summary>
/// The local model on the labeled pairs, offline. The default threshold must leave no false hit with
/// the fact check on; recall must not fall below what was measured (0.830 and 0.857 when written).
/// With SEMANTIC_EVAL_REPORT=&lt;folder&gt; the report is written there (scripts/semantic-eval.sh).
/// </summary>
public sealed class SemanticEvaluationTests
{
    private const double RecallFloor = 0.80;

    [Fact]
    public void LabeledSet_HasAtLeast300PairsOfBothKinds()
    {
        var pairs = SemanticEvaluation.Development.Pairs;

        Assert.True(pairs.Count >= 300, $"{pairs.Count} pairs");
        Assert.True(pairs.Count(p => p.Pair.ShouldHit) >= 150);
        Assert.True(pairs.Count(p => !p.Pair.ShouldHit) >= 150);
    }

    [Fact]
    public void DefaultThreshold_WithFactCheck_HasNoFalseHitOnTheLabeledSet()
    {
        var row = SemanticEvaluation.Development.At(SemanticOptions.DefaultThreshold, withCheck: true);

        Assert.Equal(0, row.FalsePositives);
    }

    [Fact]
    public void DefaultThreshold_WithFactCheck_HasNoFalseHitOnTheHoldout()
    {
        var row = SemanticEvaluation.Holdout.At(SemanticOptions.DefaultThreshold, withCheck: true);

        Assert.Equal(0, row.FalsePositives);
    }

    [Fact]
    public void DefaultThreshold_CosineAlone_ServesNearMisses()
    {
        var row = SemanticEvaluation.Development.At(SemanticOptions.DefaultThreshold, withCheck: false);

        Assert.True(row.FalsePositives >= 50, $"{row.FalsePositives} false hits without the check: the set no longer tests the check");
    }

    [Fact]
    public void DefaultThreshold_WithFactCheck_KeepsMeasuredRecallOnTheLabeledSet()
    {
        var row = SemanticEvaluation.Development.At(SemanticOptions.DefaultThreshold, withCheck: true);

        Assert.True(row.Recall >= RecallFloor, $"recall {row.Recall:F3} < {RecallFloor}");
    }

    [Fact]
    public void DefaultThreshold_WithFactCheck_KeepsMeasuredRecallOnTheHoldout()
    {
        var row = SemanticEvaluation.Holdout.At(SemanticOptions.DefaultThreshold, withCheck: true);

        Assert.True(row.Recall >= RecallFloor, $"recall {row.Recall:F3} < {RecallFloor}");
    }

    [Fact]
    public void DefaultThreshold_IsTheLowestSafeOneInTheTable()
    {
        var lowest = Math.Max(
            SemanticEvaluation.Development.LowestSafeThreshold(withCheck: true) ?? 1f,
            SemanticEvaluation.Holdout.LowestSafeThreshold(withCheck: true) ?? 1f);

        Assert.Equal(SemanticOptions.DefaultThreshold, lowest, 3);
    }

    [Fact]
    public void Report_WhenAsked_IsWritten()
    {
        var folder = Environment.GetEnvironmentVariable("SEMANTIC_EVAL_REPORT");
        if (string.IsNullOrEmpty(folder))
        {
            return; // a normal test run writes no files
        }

        SemanticReport.Write(folder, SemanticEvaluation.Development, SemanticEvaluation.Holdout, SemanticOptions.DefaultThreshold);

        Assert.True(File.Exists(Path.Combine(folder, "evaluation.md")));
        Assert.True(File.Exists(Path.Combine(folder, "precision-recall.svg")));
    }
}
