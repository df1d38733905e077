using LlmCacheProxy.Admin;
using LlmCacheProxy.Caching;
using LlmCacheProxy.Hosting;
using LlmCacheProxy.Proxy;
using Microsoft.Extensions.Configuration.Json;

namespace LlmCacheProxy;

/// <summary>Builds the proxy. Program.cs runs it; integration tests build it with their own settings.</summary>
internal static class LlmCacheProxyApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        AddDefaults(builder.Configuration);
        configure?.Invoke(builder);

        var proxy = builder.Configuration.GetSection(ProxyOptions.SectionName).Get<ProxyOptions>() ?? new ProxyOptions();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = Math.Max(30L * 1024 * 1024, proxy.MaxRequestBytes + 1);
        });

        builder.Services.AddCaching(builder.Configuration);
        builder.Services.AddCacheProxy(builder.Configuration);
        builder.Services.AddAdminApi();

        var app = builder.Build();
        app.MapHealthEndpoints();
        app.MapAdminApi();
        app.MapReverseProxy(pipeline => pipeline.UseClientKeys().UseLlmCache());
        return app;
    }

    /// <summary>
    /// config/appsettings.json (beside the binary) holds the defaults; it goes first so that appsettings.json in
    /// the working folder, environment variables (<c>Cache__Sqlite__Path</c>) and the command line override it.
    /// </summary>
    private static void AddDefaults(ConfigurationManager configuration)
    {
        var source = new JsonConfigurationSource
        {
            Path = Path.Combine(AppContext.BaseDirectory, "config", "appsettings.json"),
            Optional = true,
            ReloadOnChange = false,
        };
        source.ResolveFileProvider();
        configuration.Sources.Insert(0, source);
    }
}
