using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace LlmCacheProxy.Proxy;

/// <summary>
/// YARP routes: the operator's own <c>ReverseProxy</c> section when it defines routes (several upstreams),
/// otherwise one route <c>/v1/{**rest}</c> to <c>Proxy:Upstream</c> with the path kept.
/// </summary>
internal static class ProxyRoutes
{
    public const string DefaultRouteId = "openai";
    public const string DefaultClusterId = "default";

    public static IReverseProxyBuilder AddProxyRoutes(this IReverseProxyBuilder builder, IConfiguration configuration)
    {
        var section = configuration.GetSection("ReverseProxy");
        if (section.GetSection("Routes").GetChildren().Any())
        {
            return builder.LoadFromConfig(section);
        }

        var options = configuration.GetSection(ProxyOptions.SectionName).Get<ProxyOptions>() ?? new ProxyOptions();
        var route = new RouteConfig
        {
            RouteId = DefaultRouteId,
            ClusterId = DefaultClusterId,
            Match = new RouteMatch { Path = "/v1/{**rest}" },
        };
        var cluster = new ClusterConfig
        {
            ClusterId = DefaultClusterId,
            Destinations = new Dictionary<string, DestinationConfig>
            {
                ["upstream"] = new() { Address = UpstreamBase.Address(options.Upstream) },
            },
            HttpRequest = new ForwarderRequestConfig
            {
                ActivityTimeout = TimeSpan.FromSeconds(Math.Max(1, options.UpstreamTimeoutSeconds)),
            },
        };
        return builder.LoadFromMemory([route], [cluster]);
    }
}
