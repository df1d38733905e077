using Yarp.ReverseProxy.Model;

namespace LlmCacheProxy.Proxy;

internal static class CacheStepExtensions
{
    /// <summary>Adds the cache step to YARP's proxy pipeline, before the forwarder.</summary>
    public static IReverseProxyApplicationBuilder UseLlmCache(this IReverseProxyApplicationBuilder pipeline)
    {
        var step = pipeline.ApplicationServices.GetRequiredService<CacheStep>();
        pipeline.Use(step.InvokeAsync);
        return pipeline;
    }
}
