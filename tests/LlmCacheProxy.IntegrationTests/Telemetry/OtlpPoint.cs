namespace LlmCacheProxy.IntegrationTests.Telemetry;

/// <summary>One metric data point: a sum or gauge value, or a histogram's count and sum.</summary>
internal sealed record OtlpPoint(string Metric, IReadOnlyDictionary<string, string> Attributes, double Value, ulong Count)
{
    public bool Matches(params (string Key, string Value)[] attributes) =>
        attributes.All(a => Attributes.TryGetValue(a.Key, out var v) && v == a.Value);
}
