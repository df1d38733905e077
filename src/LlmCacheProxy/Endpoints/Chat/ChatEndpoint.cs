using System.Diagnostics.CodeAnalysis;
using LlmCacheProxy.Caching;
using LlmCacheProxy.Endpoints.Streaming;
using LlmCacheProxy.Keys;
using LlmCacheProxy.Pricing;

namespace LlmCacheProxy.Endpoints.Chat;

/// <summary>
/// <c>POST /v1/chat/completions</c>. Key: <see cref="ChatKeyBuilder"/>. Storable: a JSON object with a
/// <c>choices</c> array and no <c>error</c> (<see cref="ChatCompletionScan"/>), or a stream that ended with
/// <c>data: [DONE]</c> and had no error event; either only when it renders the other way too (a stream as a
/// completion, a completion as chunks). Both kinds of client are served from either kind of entry
/// (<see cref="ChatResponseWriter"/>). A stream whose client did not ask <c>include_usage</c> is forwarded asking for it
/// (<see cref="StreamUsageRequest"/>) so its entry has real tokens; one that still reports none is counted by the proxy.
/// </summary>
internal sealed class ChatEndpoint(ChatKeyBuilder keys) : ICacheableEndpoint
{
    public string Name => "chat.completions";

    public (string Reason, string Detail) NotCacheable => ("not_a_chat_request",
        "The body is not a chat request the key builder accepts (valid JSON object with model and messages); it is forwarded as BYPASS.");

    public bool Serves(string path) => path.EndsWith("/chat/completions", StringComparison.OrdinalIgnoreCase);

    public bool TryBuildKey(ReadOnlyMemory<byte> body, KeyScope scope, [NotNullWhen(true)] out CacheKey? key) =>
        keys.TryBuild(body, scope, out key);

    public bool TryReadAnswer(ReadOnlySpan<byte> json, out TokenUsage tokens, out decimal? upstreamCost) =>
        ChatCompletionScan.TryRead(json, out tokens, out upstreamCost);

    public StreamVerdict Judge(SseEventParser stream) =>
        stream.Error ? StreamVerdict.Failed : stream.Done ? StreamVerdict.Complete : StreamVerdict.Truncated;

    public (TokenUsage Tokens, decimal? UpstreamCost) ReadStreamUsage(IReadOnlyList<string> events, CacheKey key) =>
        StreamUsage.TryRead(events, out var usage) ? usage : (ChatUsageEstimate.Estimate(key, events), null);

    public ForwardRewrite? RewriteForward(ReadOnlyMemory<byte> body, CacheKey key, ForwardSettings settings) =>
        StreamUsageRequest.RewriteFor(body, key, settings);

    public bool IsReplayable(CachedResponse response) =>
        response.Events is { } events
            ? StreamAssembler.TryAssemble(events, out _)
            : ChunkSynthesizer.CanSynthesize(response.Body);

    public Task<bool> TryWriteAsync(HttpContext context, CachedResponse cached, CacheKey key) =>
        ChatResponseWriter.TryWriteAsync(context, cached, key.Stream, key.IncludeUsage);
}
