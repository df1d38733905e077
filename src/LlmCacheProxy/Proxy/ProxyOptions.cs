namespace LlmCacheProxy.Proxy;

/// <summary>Settings under <c>Proxy</c>.</summary>
internal sealed class ProxyOptions
{
    public const string SectionName = "Proxy";

    /// <summary>Base address of the default upstream; the request path is kept.</summary>
    public string Upstream { get; set; } = "https://api.openai.com/";

    /// <summary>Largest request body the cache step reads; larger gets 413.</summary>
    public long MaxRequestBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Upstream timeout for one forwarded request, in seconds.</summary>
    public int UpstreamTimeoutSeconds { get; set; } = 600;

    /// <summary>Proxy-held mode: the upstream key the proxy injects. Empty = passthrough mode.</summary>
    public string UpstreamApiKey { get; set; } = "";

    /// <summary>
    /// Proxy-held mode: keys clients must present as <c>Authorization: Bearer</c>, each a plain string (read-only) or
    /// an object granting the cache controls that write shared entries (<see cref="ClientKey"/>).
    /// </summary>
    public ClientKey[] ClientKeys { get; set; } = [];

    public bool ProxyHeld => !string.IsNullOrEmpty(UpstreamApiKey);
}
