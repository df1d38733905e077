namespace LlmCacheProxy.IntegrationTests.Telemetry;

internal sealed record OtlpSpan(string Scope, string Name, string TraceId, string SpanId, string ParentSpanId,
    IReadOnlyDictionary<string, string> Attributes);
