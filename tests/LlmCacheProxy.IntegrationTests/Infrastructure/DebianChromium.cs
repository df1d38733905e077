using Microsoft.Playwright;

namespace LlmCacheProxy.IntegrationTests.Infrastructure;

/// <summary>
/// Debian's Chromium (scripts/test-setup.d/chromium.sh), headless, driven by Playwright. Playwright never downloads a
/// browser here: it is given the executable, and the download switch is off for its driver. Missing Chromium fails.
/// </summary>
internal static class DebianChromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        Assert.True(File.Exists(ExecutablePath),
            $"{ExecutablePath} is missing: run scripts/test-setup.d/chromium.sh (apt-get install chromium). The dashboard test needs a real browser.");
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args =
                [
                    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                ],
            });
            return (playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }
}
