namespace LlmCacheProxy.Hosting;

/// <summary>
/// <c>LlmCacheProxy --healthcheck [url]</c>: exits 0 when the URL answers 2xx; without a URL, <c>/healthz</c> where the
/// proxy listens (<see cref="HealthCheckUrl"/>). The runtime container image has no curl, so the Dockerfile's
/// HEALTHCHECK runs the proxy binary in this mode.
/// </summary>
internal static class HealthCheckCommand
{
    public static bool TryRun(string[] args, out int exitCode)
    {
        exitCode = 0;
        if (args.Length == 0 || args[0] != "--healthcheck")
        {
            return false;
        }

        string url = args.Length > 1 ? args[1] : HealthCheckUrl.FromEnvironment();
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
            using var response = http.GetAsync(url).GetAwaiter().GetResult();
            exitCode = response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or UriFormatException)
        {
            exitCode = 1;
        }

        return true;
    }
}
