using Microsoft.Extensions.Logging;

namespace LlmCacheProxy.Pricing;

/// <summary>Pricing logs: event ids 1450-1469 (inside the Analytics block).</summary>
internal static partial class PricingLog
{
    [LoggerMessage(1450, LogLevel.Information, "Loaded {Count} model prices from {Path}")]
    public static partial void Loaded(ILogger logger, string path, int count);

    [LoggerMessage(1451, LogLevel.Warning, "Price file {Path} not found: every cost is unknown until it appears")]
    public static partial void FileMissing(ILogger logger, string path);

    [LoggerMessage(1452, LogLevel.Error, "Price file {Path} could not be read; keeping the previous prices")]
    public static partial void LoadFailed(ILogger logger, string path, Exception exception);
}
