namespace LlmCacheProxy.Proxy;

/// <summary>
/// Proxy-held mode: every proxied request must carry one of <c>Proxy:ClientKeys</c> as <c>Authorization: Bearer</c>,
/// checked before anything else in the pipeline (so before the cache and the forwarder); the matched key is put on the
/// request's features for the cache step (its grants). Passthrough mode: a no-op, the client's own key goes upstream.
/// </summary>
internal sealed class ClientKeyCheck(ClientKeys keys, ILogger<ClientKeyCheck> logger)
{
    public async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        if (!keys.Enabled)
        {
            await next();
            return;
        }

        if (keys.Find(context.Request.Headers.Authorization.ToString()) is { } key)
        {
            context.Features.Set(key);
            await next();
            return;
        }

        ProxyLog.ClientKeyRejected(logger);
        context.Response.Headers.WWWAuthenticate = "Bearer";
        await OpenAiError.WriteAsync(context, StatusCodes.Status401Unauthorized,
            "Missing or unknown API key. This proxy holds the upstream key: send one of its client keys as 'Authorization: Bearer <key>'.",
            "invalid_request_error", "invalid_api_key");
    }
}
