using System.Diagnostics.CodeAnalysis;
using LlmCacheProxy.Caching;
using LlmCacheProxy.Endpoints.Streaming;
using LlmCacheProxy.Keys;
using LlmCacheProxy.Pricing;

namespace LlmCacheProxy.Endpoints.Embeddings;

/// <summary>
/// <c>POST /v1/embeddings</c>, one entry per input item (<see cref="EmbeddingsKeyBuilder"/>, <see cref="EmbeddingsBatch"/>):
/// a batch partly cached forwards only its missing items and is answered merged, in the client's order and encoding.
/// Bad input (too many items, an empty string, a wrong type, an unknown encoding) is forwarded untouched and never stored.
/// The single-answer members serve only explain and the step's fallbacks: embeddings never stream.
/// </summary>
internal sealed class EmbeddingsEndpoint(EmbeddingsKeyBuilder keys) : IUnitEndpoint
{
    public string Name => KeyEndpoint.Embeddings;

    public (string Reason, string Detail) NotCacheable => ("not_an_embeddings_request",
        "The body is not an embeddings request the key builder accepts (a model; an input of 1 to 2048 non-empty strings or token arrays; " +
        "encoding_format float or base64; integer dimensions); it is forwarded untouched as BYPASS and never stored.");

    public bool Serves(string path) => path.EndsWith("/embeddings", StringComparison.OrdinalIgnoreCase);

    public IUnitRequest? TrySplit(ReadOnlyMemory<byte> body, KeyScope scope) =>
        keys.TryParse(body, scope, out var request) ? new EmbeddingsBatch(body, request) : null;

    /// <summary>The key of the body's first item.</summary>
    public bool TryBuildKey(ReadOnlyMemory<byte> body, KeyScope scope, [NotNullWhen(true)] out CacheKey? key)
    {
        key = keys.TryParse(body, scope, out var request) ? request.Items[0].Key : null;
        return key is not null;
    }

    public bool TryReadAnswer(ReadOnlySpan<byte> json, out TokenUsage tokens, out decimal? upstreamCost)
    {
        tokens = TokenUsage.Zero;
        upstreamCost = null;
        return false;
    }

    public StreamVerdict Judge(SseEventParser stream) => StreamVerdict.Failed;

    public (TokenUsage Tokens, decimal? UpstreamCost) ReadStreamUsage(IReadOnlyList<string> events, CacheKey key) => (TokenUsage.Zero, null);

    /// <summary>Handed-over or stored single answers are written as they are.</summary>
    /// <summary>Item entries are vectors, served by the unit flow; only a handed-over JSON answer comes through here.</summary>
    public bool IsReplayable(CachedResponse response) => true;

    public async Task<bool> TryWriteAsync(HttpContext context, CachedResponse cached, CacheKey key)
    {
        var response = context.Response;
        response.StatusCode = cached.Status;
        response.ContentType = cached.ContentType;
        response.ContentLength = cached.Body.Length;
        await response.Body.WriteAsync(cached.Body, context.RequestAborted);
        return true;
    }
}
