using System.Diagnostics.CodeAnalysis;
using LlmCacheProxy.Caching;
using LlmCacheProxy.Endpoints.Chat;
using LlmCacheProxy.Endpoints.Streaming;
using LlmCacheProxy.Keys;
using LlmCacheProxy.Pricing;

namespace LlmCacheProxy.Endpoints.Completions;

/// <summary>
/// The legacy <c>POST /v1/completions</c>. Key: <see cref="CompletionsKeyBuilder"/>. Storable as for chat (its answer has
/// the same outline: a <c>choices</c> array, no <c>error</c>, <c>usage</c> with <c>prompt_tokens</c> and
/// <c>completion_tokens</c>, read by <see cref="ChatCompletionScan"/>): a JSON answer, or a stream ended by
/// <c>data: [DONE]</c> without an error event. Streams follow the chat rule for usage (asked for when the client did not,
/// stripped from what it gets, counted by the proxy when upstream still sends none). Both kinds of client are served from
/// either kind of entry (<see cref="CompletionsResponseWriter"/>).
/// </summary>
internal sealed class CompletionsEndpoint(CompletionsKeyBuilder keys) : ICacheableEndpoint
{
    public string Name => KeyEndpoint.Completions;

    public (string Reason, string Detail) NotCacheable => ("not_a_completions_request",
        "The body is not a legacy completions request the key builder accepts (valid JSON object with a model and a string, strings or token arrays as prompt); it is forwarded as BYPASS.");

    public bool Serves(string path) =>
        path.EndsWith("/completions", StringComparison.OrdinalIgnoreCase) &&
        !path.EndsWith("/chat/completions", StringComparison.OrdinalIgnoreCase);

    public bool TryBuildKey(ReadOnlyMemory<byte> body, KeyScope scope, [NotNullWhen(true)] out CacheKey? key) =>
        keys.TryBuild(body, scope, out key);

    public bool TryReadAnswer(ReadOnlySpan<byte> json, out TokenUsage tokens, out decimal? upstreamCost) =>
        ChatCompletionScan.TryRead(json, out tokens, out upstreamCost);

    public StreamVerdict Judge(SseEventParser stream) =>
        stream.Error ? StreamVerdict.Failed : stream.Done ? StreamVerdict.Complete : StreamVerdict.Truncated;

    public (TokenUsage Tokens, decimal? UpstreamCost) ReadStreamUsage(IReadOnlyList<string> events, CacheKey key) =>
        StreamUsage.TryRead(events, out var usage) ? usage : (CompletionsUsageEstimate.Estimate(key, events), null);

    public ForwardRewrite? RewriteForward(ReadOnlyMemory<byte> body, CacheKey key, ForwardSettings settings) =>
        StreamUsageRequest.RewriteFor(body, key, settings);

    public bool IsReplayable(CachedResponse response) => CompletionsResponseWriter.IsReplayable(response);

    public Task<bool> TryWriteAsync(HttpContext context, CachedResponse cached, CacheKey key) =>
        CompletionsResponseWriter.TryWriteAsync(context, cached, key.Stream, key.IncludeUsage);
}
