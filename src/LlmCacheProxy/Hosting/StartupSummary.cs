using System.Globalization;
using LlmCacheProxy.Admin;
using LlmCacheProxy.Caching;
using LlmCacheProxy.Caching.Redis;
using LlmCacheProxy.Caching.S3;
using LlmCacheProxy.Pricing;
using LlmCacheProxy.Proxy;
using LlmCacheProxy.Telemetry;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy;

namespace LlmCacheProxy.Hosting;

/// <summary>
/// Once the server listens, says how this instance is wired: addresses, upstream, credential mode, tiers and where
/// their data lives, the admin API, the price file, metrics. Never a key, a token or a secret: only whether one is set.
/// </summary>
internal sealed class StartupSummary(
    IServiceProvider services, IHostApplicationLifetime lifetime, IConfiguration configuration, ILogger<StartupSummary> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Log);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Log()
    {
        var proxy = Value<ProxyOptions>();
        var cache = Value<CacheOptions>();
        var addresses = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        HostingLog.Listening(logger, string.Join(", ", addresses));
        LogUpstream(proxy);
        HostingLog.Credentials(logger, proxy.ProxyHeld
            ? $"proxy-held (the proxy sends Proxy:UpstreamApiKey upstream; {proxy.ClientKeys.Length} client key(s) accepted)"
            : "passthrough (each client's own Authorization goes upstream; the cache is partitioned per key)");
        HostingLog.Tiers(logger, Tiers(cache, Value<RedisOptions>(), Value<S3Options>()));
        HostingLog.Admin(logger, string.IsNullOrEmpty(Value<AdminOptions>().Token)
            ? "off (no Admin:Token set: /admin answers 403)"
            : "on at /admin (Admin:Token set)");
        var prices = services.GetRequiredService<PriceTable>();
        int check = Math.Max(0, Value<PricingOptions>().ReloadCheckSeconds);
        HostingLog.Prices(logger, prices.Count, prices.Path,
            check == 0 ? "re-read when it changes (checked on every lookup)" : $"re-read when it changes (checked every {check} s)");
        HostingLog.Metrics(logger, Metrics(addresses));
    }

    private void LogUpstream(ProxyOptions proxy)
    {
        if (configuration.GetSection("ReverseProxy:Routes").GetChildren().Any())
        {
            var destinations = services.GetRequiredService<IProxyStateLookup>().GetClusters()
                .SelectMany(c => c.Destinations.Values.Select(d => $"{c.ClusterId}={UpstreamBase.ForLog(d.Model.Config.Address)}"));
            HostingLog.Upstream(logger, "from the ReverseProxy section: " + string.Join(", ", destinations));
            return;
        }

        string used = UpstreamBase.Normalize(proxy.Upstream, out bool dropped);
        if (dropped)
        {
            HostingLog.UpstreamVersionDropped(logger, UpstreamBase.ForLog(proxy.Upstream), UpstreamBase.ForLog(used));
        }

        HostingLog.Upstream(logger, UpstreamBase.ForLog(used) + " (Proxy:Upstream)");
    }

    private static string Tiers(CacheOptions cache, RedisOptions redis, S3Options s3)
    {
        if (!cache.Enabled)
        {
            return "none: Cache:Enabled=false, every request is forwarded untouched";
        }

        var tiers = new List<string>();
        if (cache.Memory.Enabled)
        {
            tiers.Add($"memory (up to {Bytes(cache.Memory.MaxBytes)})");
        }

        if (cache.Sqlite.Enabled)
        {
            tiers.Add($"sqlite at {Path.GetFullPath(cache.Sqlite.Path)} ({(cache.Sqlite.MaxBytes > 0 ? "up to " + Bytes(cache.Sqlite.MaxBytes) : "unbounded")})");
        }

        if (redis.Enabled)
        {
            tiers.Add($"redis at {RedisConnection.Endpoints(redis.Configuration)} prefix {redis.KeyPrefix}");
        }

        if (s3.Enabled)
        {
            string where = string.IsNullOrEmpty(s3.ServiceUrl) ? $"AWS {s3.Region}" : UpstreamBase.ForLog(s3.ServiceUrl);
            tiers.Add($"s3 bucket {s3.Bucket}{(s3.Prefix.Length > 0 ? " prefix " + s3.Prefix : "")} at {where}");
        }

        return tiers.Count == 0 ? "none enabled (every request is a miss)" : string.Join(", ", tiers);
    }

    private string Metrics(ICollection<string> addresses)
    {
        var prometheus = Value<PrometheusOptions>();
        var otlp = Value<TelemetryOptions>();
        string scrape = !prometheus.Enabled ? "Prometheus scrape off"
            : prometheus.Port > 0 ? $"Prometheus at port {prometheus.Port}{prometheus.Path}"
            : $"Prometheus at {addresses.FirstOrDefault()?.TrimEnd('/') ?? ""}{prometheus.Path}";
        return scrape + (otlp.Enabled ? $"; OTLP export to {UpstreamBase.ForLog(otlp.Endpoint)}" : "; OTLP export off (OTEL_EXPORTER_OTLP_ENDPOINT unset)");
    }

    private static string Bytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MiB");

    private T Value<T>() where T : class => services.GetRequiredService<IOptions<T>>().Value;
}
