namespace LlmCacheProxy.Endpoints;

/// <summary>Route -> module: the registered cacheable endpoints, asked in registration order.</summary>
internal sealed class EndpointRegistry(IEnumerable<ICacheableEndpoint> endpoints)
{
    private readonly ICacheableEndpoint[] _endpoints = endpoints.ToArray();

    public IReadOnlyList<ICacheableEndpoint> All => _endpoints;

    /// <summary>The module serving a POST to <paramref name="path"/>, or null (the request is forwarded untouched).</summary>
    public ICacheableEndpoint? Find(string path)
    {
        foreach (var endpoint in _endpoints)
        {
            if (endpoint.Serves(path))
            {
                return endpoint;
            }
        }

        return null;
    }
}
