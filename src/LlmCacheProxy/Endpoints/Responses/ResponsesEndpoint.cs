using System.Diagnostics.CodeAnalysis;
using System.Text;
using LlmCacheProxy.Caching;
using LlmCacheProxy.Endpoints.Streaming;
using LlmCacheProxy.Keys;
using LlmCacheProxy.Pricing;

namespace LlmCacheProxy.Endpoints.Responses;

/// <summary>
/// <c>POST /v1/responses</c>. Key: <see cref="ResponsesKeyBuilder"/>. Bypassed (forwarded as they are, never stored):
/// <c>background: true</c> and a <c>conversation</c>, which act on server-side state. Storable: a JSON response with
/// <c>"status": "completed"</c> and no error, or a stream that ended with <c>response.completed</c> (an error, a failed or
/// incomplete response, or a cut stream stores nothing). Usage from the response's <c>usage</c>. Both kinds of client are
/// served from either kind of entry (<see cref="ResponsesResponseWriter"/>); a hit carries the original response id.
/// </summary>
internal sealed class ResponsesEndpoint(ResponsesKeyBuilder keys) : ICacheableEndpoint
{
    private static readonly (string, string) Background = (ResponsesKeyBuilder.BackgroundReason,
        "background: true asks upstream for a queued job, not an answer; it is forwarded as BYPASS and never stored.");

    private static readonly (string, string) Conversation = (ResponsesKeyBuilder.ConversationReason,
        "A conversation makes upstream append to server-side state that a hit would skip; it is forwarded as BYPASS and never stored.");

    public string Name => KeyEndpoint.Responses;

    public (string Reason, string Detail) NotCacheable => ("not_a_responses_request",
        "The body is not a Responses API request the key builder accepts (valid JSON object with a model); it is forwarded as BYPASS.");

    public bool Serves(string path) => path.EndsWith("/responses", StringComparison.OrdinalIgnoreCase);

    public (string Reason, string Detail)? BypassReason(ReadOnlyMemory<byte> body) => ResponsesKeyBuilder.BypassReason(body) switch
    {
        ResponsesKeyBuilder.BackgroundReason => Background,
        ResponsesKeyBuilder.ConversationReason => Conversation,
        _ => null,
    };

    public bool TryBuildKey(ReadOnlyMemory<byte> body, KeyScope scope, [NotNullWhen(true)] out CacheKey? key) =>
        keys.TryBuild(body, scope, out key);

    public bool TryReadAnswer(ReadOnlySpan<byte> json, out TokenUsage tokens, out decimal? upstreamCost) =>
        ResponseScan.TryRead(json, out tokens, out upstreamCost);

    public StreamVerdict Judge(SseEventParser stream) => ResponseEvents.Judge(stream.Events, stream.Error);

    public (TokenUsage Tokens, decimal? UpstreamCost) ReadStreamUsage(IReadOnlyList<string> events, CacheKey key) =>
        ResponseEvents.CompletedResponse(events) is { } response && ResponseScan.TryRead(response, out var tokens, out var cost)
            ? (tokens, cost)
            : (TokenUsage.Zero, null);

    public bool IsReplayable(CachedResponse response) => ResponsesResponseWriter.IsReplayable(response);

    public Task<bool> TryWriteAsync(HttpContext context, CachedResponse cached, CacheKey key) =>
        ResponsesResponseWriter.TryWriteAsync(context, cached, key.Stream);
}
