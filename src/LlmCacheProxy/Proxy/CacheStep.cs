using System.Diagnostics;
using LlmCacheProxy.Caching;
using LlmCacheProxy.Endpoints;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy.Model;

namespace LlmCacheProxy.Proxy;

/// <summary>
/// The cache step in YARP's proxy pipeline, endpoint-agnostic: route -> module (<see cref="EndpointRegistry"/>), then
/// one flow for every module: read the bounded body, build the key, <see cref="CachePolicy.Decide"/>, look the tiers
/// up, answer a hit, or forward a miss once per key (single flight) while capturing the answer beside the client's
/// copy, and store it. The request's state travels in one <see cref="CacheRequest"/>; observers hear of it once, when
/// it ends. Everything else goes to <c>next</c> untouched. Single flight: CacheStep.Flight.cs; forwarding and capture:
/// CacheStep.Forward.cs; controls: CacheStep.Controls.cs.
/// </summary>
internal sealed partial class CacheStep(
    EndpointRegistry endpoints,
    CachePolicy policy,
    RequestScopes scopes,
    TieredCache cache,
    SingleFlight flights,
    PartitionResolver partitions,
    ClientKeys clientKeys,
    EntryFactory entries,
    IEnumerable<ICacheObserver> observers,
    IOptions<ProxyOptions> proxyOptions,
    IOptions<CacheOptions> cacheOptions,
    IOptions<ModelLabelOptions> labelOptions,
    TimeProvider time,
    ILogger<CacheStep> logger)
{
    private const int MaxRetries = 3;
    private readonly ICacheObserver[] _observers = observers.ToArray();
    private readonly long _maxRequestBytes = proxyOptions.Value.MaxRequestBytes;
    private readonly long _maxEntryBytes = cacheOptions.Value.MaxEntryBytes;
    private readonly bool _enabled = cacheOptions.Value.Enabled;
    private readonly bool _requestStreamUsage = cacheOptions.Value.RequestStreamUsage;
    private readonly TimeSpan _staleWindow = TimeSpan.FromSeconds(cacheOptions.Value.StaleIfErrorSeconds);
    private readonly TimeSpan _coalesceWait = TimeSpan.FromSeconds(cacheOptions.Value.CoalesceWaitSeconds);
    private readonly int _maxModelNameLength = labelOptions.Value.MaxModelNameLength;

    private int _active;

    /// <summary>Cacheable requests still inside the step (their store or observers may not have run yet).</summary>
    public int Active => Volatile.Read(ref _active);

    public async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        if (!_enabled || FindEndpoint(context) is not { } endpoint)
        {
            await next();
            return;
        }

        Interlocked.Increment(ref _active);
        CacheRequest? request = null;
        try
        {
            request = await HandleAsync(context, endpoint, next);
        }
        finally
        {
            if (request?.Outcome is not null)
            {
                Observe(request);
            }

            Interlocked.Decrement(ref _active);
        }
    }

    /// <summary>The request, once it has one; null when it was refused before (bad controls).</summary>
    private async Task<CacheRequest?> HandleAsync(HttpContext context, ICacheableEndpoint endpoint, Func<Task> next)
    {
        if (await TryReadControlsAsync(context) is not { } controls)
        {
            return null;
        }

        var request = new CacheRequest(context, endpoint, controls, Stopwatch.GetTimestamp());
        var http = context.Request;
        var body = await RequestBody.ReadAsync(http, _maxRequestBytes, context.RequestAborted);
        if (body is null)
        {
            ProxyLog.RequestTooLarge(logger, _maxRequestBytes);
            await OpenAiError.WriteAsync(context, StatusCodes.Status413PayloadTooLarge,
                $"Request body exceeds the proxy's limit of {_maxRequestBytes} bytes (Proxy:MaxRequestBytes).",
                "invalid_request_error", "request_too_large");
            return request;
        }

        request.Body = body;
        http.Body = new MemoryStream(body, writable: false);
        http.ContentLength = body.Length;
        http.Headers.Remove(HeaderNames.TransferEncoding);
        // Cached bytes are replayed to any client: ask upstream for an uncompressed answer.
        http.Headers.Remove(HeaderNames.AcceptEncoding);

        string? partition = partitions.Resolve(http.Headers.Authorization);
        IUnitRequest? units = null;
        if (partition is not null)
        {
            var scope = scopes.Create(request.Route, http.QueryString.Value, controls.ScopePartition(partition), http.Headers);
            if (endpoint is IUnitEndpoint split)
            {
                // A split request is decided on its first unit: the units differ in their item alone.
                units = split.TrySplit(body, scope);
                request.Key = units?.Units[0];
            }
            else if (endpoint.TryBuildKey(body, scope, out var key))
            {
                request.Key = key;
            }

            // A refused body has no normalized model; one refused for an over-long name is still counted as such.
            request.InvalidModel = request.Key is null && BodyModel.IsLongerThan(body, _maxModelNameLength);
        }

        var grants = clientKeys.GrantsFor(context.Features.Get<ClientKey>());
        string notCacheable = request.Key is null && partition is not null
            ? (endpoint.BypassReason(body) ?? endpoint.NotCacheable).Reason
            : endpoint.NotCacheable.Reason;
        var decision = policy.Decide(partition, request.Key, notCacheable, controls, grants);
        request.Decision = decision;
        if (decision.Forbidden is { } control)
        {
            await RefuseControlAsync(request, control);
            return request;
        }

        if (decision.TtlCapped)
        {
            context.Response.Headers[CacheHeaders.TtlCapped] =
                ((long)decision.Ttl!.Value.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (decision.Bypass || request.Key is not { } cacheKey)
        {
            await BypassAsync(request, next);
            return request;
        }

        if (units is not null)
        {
            await UnitsAsync(request, units, next);
            return request;
        }

        context.Response.Headers[CacheHeaders.Key] = cacheKey.Hash;
        // Stale-if-error holds a miss's answer back until it is known not to be an error: never for streams, which
        // would cost the client its time to first token.
        var lookup = await LookupAsync(request, cacheKey.Stream ? TimeSpan.Zero : _staleWindow);
        if (lookup.Hit is { } found && await ServeEntryAsync(request, found.Entry, CacheOutcome.Hit, found.Tier))
        {
            return request;
        }

        request.Stale = lookup.Stale;
        if (!await RefusedUpstreamAsync(request))
        {
            await MissAsync(request, next);
        }

        return request;
    }

    private ICacheableEndpoint? FindEndpoint(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || endpoints.Find(context.Request.Path.Value ?? "") is not { } endpoint)
        {
            return null;
        }

        return RouteTurnsOff(context, "LlmCache") ? null : endpoint;
    }

    /// <summary>The route's metadata says <c>"off"</c> for <paramref name="setting"/>.</summary>
    private static bool RouteTurnsOff(HttpContext context, string setting)
    {
        var metadata = context.GetReverseProxyFeature().Route.Config.Metadata;
        return metadata is not null && metadata.TryGetValue(setting, out var value) &&
            string.Equals(value, "off", StringComparison.OrdinalIgnoreCase);
    }

    private async Task BypassAsync(CacheRequest request, Func<Task> next)
    {
        if (await RefusedUpstreamAsync(request))
        {
            return;
        }

        ProxyLog.Bypassed(logger, request.Endpoint.Name, request.Decision?.BypassReason ?? "");
        request.Context.Response.Headers[CacheHeaders.Cache] = CacheOutcome.Bypass.ToHeaderValue();
        await next();
        request.Answered(CacheOutcome.Bypass, request.Context.Response.StatusCode);
    }

    /// <summary>
    /// Serves an entry; false (nothing written, the entry deleted from every tier) when it does not render the way
    /// this client asked: the caller goes on as for a miss, so a bad entry costs one upstream call, never a 500.
    /// </summary>
    private async Task<bool> ServeEntryAsync(CacheRequest request, CacheEntry entry, CacheOutcome outcome, string? tier)
    {
        var headers = request.Context.Response.Headers;
        headers[CacheHeaders.Cache] = outcome.ToHeaderValue();
        if (tier is not null)
        {
            headers[CacheHeaders.Tier] = tier;
        }

        headers[CacheHeaders.Key] = entry.CacheKey;
        long age = Math.Max(0, (long)(time.GetUtcNow() - entry.CreatedAt).TotalSeconds);
        headers[HeaderNames.Age] = age.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (outcome == CacheOutcome.Stale)
        {
            headers[HeaderNames.Warning] = StaleIfError.WarningValue;
        }

        if (!await request.Endpoint.TryWriteAsync(request.Context, entry.Response, request.Key!))
        {
            foreach (string name in (string[])[CacheHeaders.Cache, CacheHeaders.Tier, HeaderNames.Age, HeaderNames.Warning])
            {
                headers.Remove(name);
            }

            ProxyLog.EntryUnservable(logger, entry.CacheId);
            await cache.RemoveAsync(entry.CacheKey, CancellationToken.None);
            return false;
        }

        request.Answered(outcome, entry.Response.Status, entry, tier);
        return true;
    }
}
