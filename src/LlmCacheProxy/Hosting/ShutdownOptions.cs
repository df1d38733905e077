namespace LlmCacheProxy.Hosting;

/// <summary>Settings under <c>Shutdown</c>.</summary>
internal sealed class ShutdownOptions
{
    public const string SectionName = "Shutdown";

    /// <summary>
    /// Longest a graceful shutdown may take, in-flight requests and flushes included. Container runtimes kill after
    /// their own grace period (Docker: 10 s unless <c>--stop-timeout</c>), so set theirs above this.
    /// </summary>
    public int TimeoutSeconds { get; set; } = 30;
}
