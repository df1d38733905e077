using System.Diagnostics;
using LlmCacheProxy.Caching;

namespace LlmCacheProxy.Proxy;

/// <summary>The span around one forwarded upstream call (a miss); YARP's HTTP client span becomes its child.</summary>
internal static class UpstreamActivity
{
    public static Activity? Start(string model, string route)
    {
        var activity = CacheDiagnostics.Source.StartActivity("upstream " + route, ActivityKind.Internal);
        activity?.SetTag("llmcache.model", model);
        return activity;
    }

    /// <summary>Ends the span, tagged with the answer's status; 5xx and transport errors mark it failed.</summary>
    public static void Stop(Activity? activity, int status, bool failed)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag("http.response.status_code", status);
        if (failed || status >= 500)
        {
            activity.SetStatus(ActivityStatusCode.Error);
        }

        activity.Dispose();
    }
}
