namespace LlmCacheProxy.Hosting;

/// <summary>
/// Where <c>--healthcheck</c> looks when given no URL: <c>/healthz</c> on the first address the proxy itself would
/// listen on, read from the same places in the same order (config/appsettings.json beside the binary,
/// <c>ASPNETCORE_URLS</c>, appsettings.json in the working folder, <c>URLS</c>; then <c>HTTP_PORTS</c>), with a
/// wildcard host (<c>0.0.0.0</c>, <c>*</c>, <c>+</c>, <c>[::]</c>) asked on loopback.
/// </summary>
internal static class HealthCheckUrl
{
    public const string Fallback = "http://127.0.0.1:8080/healthz";

    public static string FromEnvironment() => From(new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "config", "appsettings.json"), optional: true)
        .AddEnvironmentVariables("ASPNETCORE_")
        .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
        .AddEnvironmentVariables()
        .Build());

    public static string From(IConfiguration configuration)
    {
        var urls = (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (urls.Length == 0 && (configuration["http_ports"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is [var port, ..])
        {
            urls = [$"http://127.0.0.1:{port}"];
        }

        string? url = urls.FirstOrDefault(u => u.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? urls.FirstOrDefault();
        if (url is null)
        {
            return Fallback;
        }

        foreach (string wildcard in new[] { "://0.0.0.0", "://*", "://+", "://[::]" })
        {
            url = url.Replace(wildcard, "://127.0.0.1", StringComparison.Ordinal);
        }

        return Uri.TryCreate(url, UriKind.Absolute, out var uri) ? $"{uri.Scheme}://{uri.Authority}/healthz" : Fallback;
    }
}
