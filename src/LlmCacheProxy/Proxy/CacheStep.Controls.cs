using LlmCacheProxy.Caching;

namespace LlmCacheProxy.Proxy;

/// <summary>The cache step's request controls, kept apart from the lookup and forwarding paths.</summary>
internal sealed partial class CacheStep
{
    /// <summary>Parses the request's cache controls; null (400 written) when malformed.</summary>
    private async Task<CacheControl?> TryReadControlsAsync(HttpContext context)
    {
        if (CacheControl.TryParse(context.Request.Headers, out var controls, out string error))
        {
            return controls;
        }

        ProxyLog.CacheControlRejected(logger);
        await OpenAiError.WriteAsync(context, StatusCodes.Status400BadRequest, error, "invalid_request_error", "invalid_cache_control");
        return null;
    }

    /// <summary>
    /// Proxy-held mode: a write control this client key was not granted. Refused visibly (403 naming the control)
    /// rather than ignored, so a client never believes it refreshed or re-timed a shared entry when it did not.
    /// </summary>
    private async Task RefuseControlAsync(CacheRequest request, string control)
    {
        ProxyLog.CacheControlForbidden(logger, control);
        await OpenAiError.WriteAsync(request.Context, StatusCodes.Status403Forbidden,
            $"This client key may not send '{control}': it changes entries every client shares. The operator grants it per key " +
            "(Proxy:ClientKeys: { Key, Name, AllowedCacheControls: [\"no-cache\", \"no-store\", \"ttl\"] }).",
            "invalid_request_error", CacheDecision.CacheControlNotAllowed);
        request.Answered(CacheOutcome.Bypass, StatusCodes.Status403Forbidden);
    }

    /// <summary>
    /// The tier lookup as the request's controls allow: no hit under no-cache, only young entries under max-age.
    /// The same walk collects the stale-if-error candidate (<paramref name="staleWindow"/> zero: none); under no-cache
    /// every entry of the key is only a candidate (no entry is created after <see cref="DateTimeOffset.MaxValue"/>).
    /// </summary>
    /// <param name="hash">The key to look up: the request's own by default, or one unit's of a split request.</param>
    private async ValueTask<CacheLookup> LookupAsync(CacheRequest request, TimeSpan staleWindow, bool firstTierOnly = false, string? hash = null)
    {
        bool noCache = request.Decision is { Lookup: false };
        if (noCache && staleWindow <= TimeSpan.Zero)
        {
            return default;
        }

        var minCreatedAt = noCache ? DateTimeOffset.MaxValue : request.Controls.MinCreatedAt(time.GetUtcNow());
        return await cache.LookupAsync(hash ?? request.Key!.Hash, minCreatedAt, staleWindow, firstTierOnly, request.Context.RequestAborted);
    }

    /// <summary>
    /// <c>only-if-cached</c>: the request would go upstream, so answer 504 instead (tests and evals that must
    /// not spend money). True when the request was answered here.
    /// </summary>
    private async Task<bool> RefusedUpstreamAsync(CacheRequest request)
    {
        if (request.Decision is not { MayCallUpstream: false })
        {
            return false;
        }

        request.Context.Response.Headers[CacheHeaders.Cache] = CacheOutcome.Miss.ToHeaderValue();
        await OpenAiError.WriteAsync(request.Context, StatusCodes.Status504GatewayTimeout,
            "The answer is not in the cache and the request asked for Cache-Control: only-if-cached, so the upstream was not called.",
            "cache_miss", "only_if_cached");
        request.Answered(CacheOutcome.Miss, StatusCodes.Status504GatewayTimeout);
        return true;
    }
}
