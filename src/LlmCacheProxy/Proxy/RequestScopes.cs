using LlmCacheProxy.Caching;
using LlmCacheProxy.Keys;
using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Proxy;

/// <summary>
/// What around a request's body enters its key: the route with its query, the partition, and the values of the
/// configured <c>Cache:VaryHeaders</c> the request carried (an absent header stays out; an empty one is keyed).
/// The cache step and explain build it the same way.
/// </summary>
internal sealed class RequestScopes(IOptions<CacheOptions> options)
{
    private readonly IReadOnlyList<string> _varyHeaders = options.Value.ToKeySettings().VaryHeaders;

    public KeyScope Create(string path, string? query, string partition, IHeaderDictionary headers)
    {
        var vary = new List<KeyValuePair<string, string>>();
        foreach (var name in _varyHeaders)
        {
            if (headers.TryGetValue(name, out var values))
            {
                foreach (var value in values)
                {
                    vary.Add(KeyValuePair.Create(name, value ?? ""));
                }
            }
        }

        return KeyScope.Create(path, query, partition, vary);
    }
}
