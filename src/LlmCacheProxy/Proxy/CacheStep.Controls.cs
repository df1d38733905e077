using LlmCacheProxy.Caching;

namespace LlmCacheProxy.Proxy;

/// <summary>The cache step's request controls (DESIGN.md section 5), kept apart from the lookup and forwarding paths.</summary>
internal sealed partial class CacheStep
{
    /// <summary>Parses the request's cache controls into the context; false (400 written) when malformed.</summary>
    private async Task<bool> TryReadControlsAsync(HttpContext context)
    {
        if (CacheControl.TryParse(context.Request.Headers, out var controls, out string error))
        {
            if (!ReferenceEquals(controls, CacheControl.None))
            {
                context.Features.Set(controls); // absent: CacheControl.Of answers None
            }

            return true;
        }

        ProxyLog.CacheControlRejected(logger);
        await OpenAiError.WriteAsync(context, StatusCodes.Status400BadRequest, error, "invalid_request_error", "invalid_cache_control");
        return false;
    }

    /// <summary>
    /// The tier lookup as the request's controls allow: no hit under no-cache, only young entries under max-age.
    /// The same walk collects the stale-if-error candidate (<paramref name="staleWindow"/> zero: none); under no-cache
    /// every entry of the key is only a candidate (no entry is created after <see cref="DateTimeOffset.MaxValue"/>).
    /// </summary>
    private async ValueTask<CacheLookup> LookupAsync(HttpContext context, string key, TimeSpan staleWindow, bool firstTierOnly = false)
    {
        var controls = CacheControl.Of(context);
        if (controls.NoCache && staleWindow <= TimeSpan.Zero)
        {
            return default;
        }

        var minCreatedAt = controls.NoCache ? DateTimeOffset.MaxValue : controls.MinCreatedAt(time.GetUtcNow());
        return await cache.LookupAsync(key, minCreatedAt, staleWindow, firstTierOnly, context.RequestAborted);
    }

    /// <summary>
    /// <c>only-if-cached</c>: the request would go upstream, so answer 504 instead (tests and evals that must
    /// not spend money). True when the request was answered here.
    /// </summary>
    private async Task<bool> RefusedUpstreamAsync(HttpContext context, long started, string route, string ns, string model)
    {
        if (!CacheControl.Of(context).OnlyIfCached)
        {
            return false;
        }

        context.Response.Headers[CacheHeaders.Cache] = CacheOutcome.Miss.ToHeaderValue();
        await OpenAiError.WriteAsync(context, StatusCodes.Status504GatewayTimeout,
            "The answer is not in the cache and the request asked for Cache-Control: only-if-cached, so the upstream was not called.",
            "cache_miss", "only_if_cached");
        Observe(CacheOutcome.Miss, null, model, ns, route, StatusCodes.Status504GatewayTimeout, null, started);
        return true;
    }
}
