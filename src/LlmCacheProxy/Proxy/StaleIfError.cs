using Yarp.ReverseProxy.Forwarder;

namespace LlmCacheProxy.Proxy;

/// <summary>
/// Stale-if-error (<c>Cache:StaleIfErrorSeconds</c>). YARP writes upstream's answer straight to the client, so
/// when an expired-but-recent entry exists the cache step points the response body at a memory buffer; nothing
/// reaches the client until the forward ends (YARP never starts the response itself when nothing is written).
/// If upstream then answered 429 or 5xx, or failed (connect error, timeout: YARP's error feature is set), the
/// held answer is dropped and the stale entry served instead; otherwise the held bytes are copied through.
/// Only non-stream requests take this path (the cache step gives streams no candidate), so holding the answer costs no
/// time-to-first-byte that a client could see.
/// </summary>
internal static class StaleIfError
{
    public const string WarningValue = "110 - \"Response is Stale\"";

    public static bool ShouldServeStale(HttpContext context)
    {
        if (context.Response.HasStarted || context.RequestAborted.IsCancellationRequested)
        {
            return false;
        }

        int status = context.Response.StatusCode;
        return context.Features.Get<IForwarderErrorFeature>() is not null ||
            status == StatusCodes.Status429TooManyRequests || status >= 500;
    }

    /// <summary>Drops what the forward put on the response (status, headers) before the stale entry is written.</summary>
    public static void ResetResponse(HttpContext context)
    {
        context.Response.Clear();
        context.Features.Set<IForwarderErrorFeature>(null);
    }
}
