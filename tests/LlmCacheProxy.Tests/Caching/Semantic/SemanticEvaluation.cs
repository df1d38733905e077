using System.Diagnostics;
using LlmCacheProxy.Caching.Semantic;
using LlmCacheProxy.LocalEmbeddings;

namespace LlmCacheProxy.Tests.Caching.Semantic;

/// <summary>
/// Embeds both sides of every labeled pair with the local model (offline) and scores them once per
/// test run; the tests and the report read the same numbers.
/// </summary>
internal sealed class SemanticEvaluation
{
    private static readonly Lazy<SemanticEvaluation> SharedDevelopment = new(() => Run(LabeledPair.Load("pairs.jsonl")));
    private static readonly Lazy<SemanticEvaluation> SharedHoldout = new(() => Run(LabeledPair.Load("holdout.jsonl")));

    private SemanticEvaluation(IReadOnlyList<ScoredPair> pairs, TimeSpan loadTime, double msPerSentence, int sentences)
    {
        Pairs = pairs;
        LoadTime = loadTime;
        MillisecondsPerSentence = msPerSentence;
        Sentences = sentences;
    }

    /// <summary>pairs.jsonl: the set the fact check's word lists were written against.</summary>
    public static SemanticEvaluation Development => SharedDevelopment.Value;

    /// <summary>holdout.jsonl: written after the rules were frozen, measured as it came.</summary>
    public static SemanticEvaluation Holdout => SharedHoldout.Value;

    /// <summary>The thresholds of the table: 0.80 to 0.99 by 0.01.</summary>
    public static IReadOnlyList<float> Thresholds { get; } = [.. Enumerable.Range(80, 20).Select(i => i / 100f)];

    public IReadOnlyList<ScoredPair> Pairs { get; }
    public TimeSpan LoadTime { get; }
    public double MillisecondsPerSentence { get; }
    public int Sentences { get; }

    public static SemanticEvaluation Run(IReadOnlyList<LabeledPair> pairs)
    {
        var load = Stopwatch.StartNew();
        MiniLmEmbedder.Warm();
        load.Stop();

        var sentences = pairs.SelectMany(p => new[] { p.A, p.B }).Distinct(StringComparer.Ordinal).ToArray();
        var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        var embed = Stopwatch.StartNew();
        foreach (var sentence in sentences)
        {
            vectors[sentence] = MiniLmEmbedder.Embed([sentence])[0]; // one at a time, as a request would
        }

        embed.Stop();
        var scored = pairs
            .Select(p => new ScoredPair(p, Dot(vectors[p.A], vectors[p.B]), FactCheck.Compare(p.A, p.B)))
            .ToList();
        return new SemanticEvaluation(scored, load.Elapsed, embed.Elapsed.TotalMilliseconds / sentences.Length, sentences.Length);
    }

    public ThresholdRow At(float threshold, bool withCheck)
    {
        int tp = 0, fp = 0, fn = 0;
        foreach (var p in Pairs)
        {
            var hit = p.Hits(threshold, withCheck);
            if (p.Pair.ShouldHit)
            {
                tp += hit ? 1 : 0;
                fn += hit ? 0 : 1;
            }
            else
            {
                fp += hit ? 1 : 0;
            }
        }

        return new ThresholdRow(threshold, withCheck, tp, fp, fn);
    }

    /// <summary>The lowest threshold of the table with no false hit; null if every one has some.</summary>
    public float? LowestSafeThreshold(bool withCheck) =>
        Thresholds.Cast<float?>().FirstOrDefault(t => At(t!.Value, withCheck).FalsePositives == 0);

    private static float Dot(float[] a, float[] b) => System.Numerics.Tensors.TensorPrimitives.Dot(a, b);
}
