namespace LlmCacheProxy.IntegrationTests.FakeUpstreamSelfTests;

/// <summary>One server-sent event as it came over the wire: its <c>event:</c> field and each <c>data:</c> line.</summary>
internal sealed record SseFrame(string? EventType, IReadOnlyList<string> DataLines)
{
    /// <summary>The event's data as the SSE spec defines it: the data lines joined with "\n".</summary>
    public string Data => string.Join("\n", DataLines);
}
