using System.Diagnostics.CodeAnalysis;
using LlmCacheProxy.Caching;
using LlmCacheProxy.Endpoints.Streaming;
using LlmCacheProxy.Keys;
using LlmCacheProxy.Pricing;

namespace LlmCacheProxy.Endpoints;

/// <summary>
/// One cacheable endpoint (chat completions, responses, embeddings, legacy completions): what the endpoint-agnostic
/// cache step asks of it. The step owns the flow (read, key, decide, look up, serve or forward once, capture, store);
/// the module owns everything that depends on the endpoint's protocol. Adding an endpoint is one folder with a class
/// implementing this, and one registration line in <see cref="EndpointsServiceCollectionExtensions"/>.
/// </summary>
internal interface ICacheableEndpoint
{
    /// <summary>Stable, low-cardinality name: analytics and metrics dimension (e.g. <c>chat.completions</c>).</summary>
    string Name { get; }

    /// <summary>Whether a POST to this path is this endpoint's (matched on the path's end, so any route prefix works).</summary>
    bool Serves(string path);

    /// <summary>The <c>reason</c> explain gives when <see cref="TryBuildKey"/> refuses a body, and its sentence.</summary>
    (string Reason, string Detail) NotCacheable { get; }

    /// <summary>
    /// Why a body this endpoint recognizes must still bypass the cache (responses: <c>background</c>, <c>conversation</c>),
    /// with its sentence; null when there is no such reason (then a refused body gets <see cref="NotCacheable"/>). Asked only
    /// for bodies <see cref="TryBuildKey"/> refused.
    /// </summary>
    (string Reason, string Detail)? BypassReason(ReadOnlyMemory<byte> body) => null;

    /// <summary>The key of a request body; false when the body is not a cacheable request of this endpoint (bypass).</summary>
    bool TryBuildKey(ReadOnlyMemory<byte> body, KeyScope scope, [NotNullWhen(true)] out CacheKey? key);

    /// <summary>A complete 200 JSON answer: true (with its usage) when it may be stored.</summary>
    bool TryReadAnswer(ReadOnlySpan<byte> json, out TokenUsage tokens, out decimal? upstreamCost);

    /// <summary>How a captured event stream ended.</summary>
    StreamVerdict Judge(SseEventParser stream);

    /// <summary>
    /// Token usage (and an upstream-reported cost) of a complete stream's events; when the stream reported none, the
    /// module may count the key's request and the events itself (<see cref="TokenUsage.Estimated"/>).
    /// </summary>
    (TokenUsage Tokens, decimal? UpstreamCost) ReadStreamUsage(IReadOnlyList<string> events, CacheKey key);

    /// <summary>
    /// For a miss that will be stored: a different body to forward and a filter for the live answer, so that upstream says
    /// what the entry needs (chat: the usage of a stream) while the client gets exactly what it asked for; null to forward
    /// the body as it is.
    /// </summary>
    ForwardRewrite? RewriteForward(ReadOnlyMemory<byte> body, CacheKey key, ForwardSettings settings) => null;

    /// <summary>
    /// Whether a complete answer can be served to both kinds of client (JSON and event stream); checked before it is
    /// stored, since one entry answers both.
    /// </summary>
    bool IsReplayable(CachedResponse response);

    /// <summary>
    /// Answers the client from a stored (or handed-over) response, as JSON or as an event stream as it asked. False,
    /// with nothing written, when the response cannot be rendered the way this client asked.
    /// </summary>
    Task<bool> TryWriteAsync(HttpContext context, CachedResponse cached, CacheKey key);
}
