using Yarp.ReverseProxy.Model;

namespace LlmCacheProxy.Proxy;

internal static class ClientKeyCheckExtensions
{
    /// <summary>Adds the proxy-held client key check to YARP's pipeline; put it first.</summary>
    public static IReverseProxyApplicationBuilder UseClientKeys(this IReverseProxyApplicationBuilder pipeline)
    {
        var check = ActivatorUtilities.CreateInstance<ClientKeyCheck>(pipeline.ApplicationServices);
        pipeline.Use(check.InvokeAsync);
        return pipeline;
    }
}
