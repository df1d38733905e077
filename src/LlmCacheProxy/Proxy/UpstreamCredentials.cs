using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy.Transforms;

namespace LlmCacheProxy.Proxy;

/// <summary>
/// Proxy-held mode: a YARP request transform replaces whatever <c>Authorization</c> the client sent (its proxy
/// client key) with the upstream key from <c>Proxy:UpstreamApiKey</c>, so the client's key never leaves the
/// proxy and the upstream key never reaches a client. Passthrough mode adds nothing.
/// </summary>
internal static class UpstreamCredentials
{
    public static IReverseProxyBuilder AddUpstreamCredentials(this IReverseProxyBuilder builder, IConfiguration configuration)
    {
        var options = configuration.GetSection(ProxyOptions.SectionName).Get<ProxyOptions>() ?? new ProxyOptions();
        if (!options.ProxyHeld)
        {
            return builder;
        }

        string authorization = "Bearer " + options.UpstreamApiKey.Trim();
        return builder.AddTransforms(context =>
            context.AddRequestHeader(HeaderNames.Authorization, authorization, append: false));
    }
}
