namespace LlmCacheProxy.Hosting;

/// <summary>A part /readyz reports on. Down makes the proxy not ready; degraded is reported but ready.</summary>
internal interface IReadinessCheck
{
    string Name { get; }

    ReadinessStatus Check();
}

internal enum ReadinessStatus
{
    Ok,
    Degraded,
    Down,
}
