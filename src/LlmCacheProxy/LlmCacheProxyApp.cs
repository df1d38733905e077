using LlmCacheProxy.Admin;
using LlmCacheProxy.Analytics;
using LlmCacheProxy.Caching;
using LlmCacheProxy.Hosting;
using LlmCacheProxy.Pricing;
using LlmCacheProxy.Proxy;
using LlmCacheProxy.Telemetry;
using Microsoft.Extensions.Configuration.Json;

namespace LlmCacheProxy;

/// <summary>Builds the proxy. Program.cs runs it; integration tests build it with their own settings.</summary>
internal static class LlmCacheProxyApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // Options are read once at start, so reloading appsettings on change buys nothing; its watcher covers the
        // content root recursively and woke on every SQLite write below it (~9 % of the CPU on a miss).
        var builder = WebApplication.CreateBuilder([.. args, "--hostBuilder:reloadConfigOnChange=false"]);
        AddDefaults(builder.Configuration);
        configure?.Invoke(builder);
        builder.CheckSettingsOrThrow();

        var proxy = builder.Configuration.GetSection(ProxyOptions.SectionName).Get<ProxyOptions>() ?? new ProxyOptions();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = Math.Max(30L * 1024 * 1024, proxy.MaxRequestBytes + 1);
        });

        builder.Services.AddSingleton(typeof(Microsoft.Extensions.Options.IPostConfigureOptions<>), typeof(ConfiguredCollections<>));
        builder.AddTelemetry();
        builder.Services.AddCaching(builder.Configuration);
        builder.Services.AddLifecycle(builder.Configuration);
        builder.Services.AddCacheProxy(builder.Configuration);
        builder.Services.AddAdminApi();
        builder.Services.AddPricing();
        builder.Services.AddAnalytics(builder.Configuration);

        var app = builder.Build();
        // Every configuration error at once, before a component reads an option and throws on the first alone.
        app.Services.GetService<Microsoft.Extensions.Options.IStartupValidator>()?.Validate();
        app.MapHealthEndpoints();
        app.MapMetrics();
        app.MapAdminApi();
        app.MapDashboard();
        app.MapReverseProxy(pipeline => pipeline.UseUpstreamErrors().UseClientKeys().UseLlmCache());
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
