namespace LlmCacheProxy.Tests.Caching.Semantic;

/// <summary>Counts at one threshold: true hits, false hits, missed paraphrases; precision 1 when nothing hit.</summary>
internal sealed record ThresholdRow(float Threshold, bool WithCheck, int TruePositives, int FalsePositives, int FalseNegatives)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);
    public double Recall => TruePositives + FalseNegatives == 0 ? 0 : (double)TruePositives / (TruePositives + FalseNegatives);
}
