namespace LlmCacheProxy.Endpoints;

/// <summary>The settings of the route and the installation a module may act on when it rewrites a forward.</summary>
/// <param name="RequestStreamUsage">
/// Ask upstream for a stream's usage the client did not ask for (<c>Cache:RequestStreamUsage</c>, unless the route's
/// metadata says <c>"LlmCache.RequestStreamUsage": "off"</c>).
/// </param>
internal sealed record ForwardSettings(bool RequestStreamUsage);
