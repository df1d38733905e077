using LlmCacheProxy.Caching;
using LlmCacheProxy.Endpoints;
using LlmCacheProxy.Keys;

namespace LlmCacheProxy.Proxy;

/// <summary>
/// One cacheable-route request as the cache step carries it (like YARP's <c>IReverseProxyFeature</c>): the module,
/// the controls, the route, the key and the decision as they become known, the stale candidate, and the outcome,
/// which observers are told once, when the request ends.
/// </summary>
internal sealed class CacheRequest(HttpContext context, ICacheableEndpoint endpoint, CacheControl controls, long started)
{
    public HttpContext Context { get; } = context;

    public ICacheableEndpoint Endpoint { get; } = endpoint;

    public CacheControl Controls { get; } = controls;

    /// <summary>The request path: the key's route and the entry's.</summary>
    public string Route { get; } = context.Request.Path.Value ?? "";

    public string Namespace => Controls.Namespace;

    /// <summary>Stopwatch timestamp of the step's start.</summary>
    public long Started { get; } = started;

    public CacheKey? Key { get; set; }

    /// <summary>The request body as the client sent it, read once and bounded (the entry keeps it beside the canonical
    /// form, for exports; a module may rewrite what is forwarded from it).</summary>
    public byte[]? Body { get; set; }

    /// <summary>
    /// The normalized model; empty when the body gave none, <see cref="ModelLabels.Invalid"/> when the body was refused
    /// and its model name is over the analytics limit.
    /// </summary>
    public string Model => Key?.Model ?? (InvalidModel ? ModelLabels.Invalid : "");

    /// <summary>The body was refused and named a model longer than <c>Cache:MaxModelLength</c>.</summary>
    public bool InvalidModel { get; set; }

    public CacheDecision? Decision { get; set; }

    /// <summary>An entry that may be served if upstream fails (stale-if-error), found by the lookup's walk.</summary>
    public CacheHit? Stale { get; set; }

    public CacheOutcome? Outcome { get; private set; }

    public string? Tier { get; private set; }

    public int Status { get; private set; }

    /// <summary>The entry served (hit) or stored (miss).</summary>
    public CacheEntry? Entry { get; private set; }

    /// <summary>A split request's units, each observed as its own answer (hit, coalesced, stale or miss); else null.</summary>
    public List<UnitOutcome>? Units { get; set; }

    public void Answered(CacheOutcome outcome, int status, CacheEntry? entry = null, string? tier = null)
    {
        Outcome = outcome;
        Status = status;
        Entry = entry;
        Tier = tier;
    }
}
