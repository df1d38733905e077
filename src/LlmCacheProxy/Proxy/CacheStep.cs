using System.Diagnostics;
using LlmCacheProxy.Caching;
using LlmCacheProxy.Keys;
using LlmCacheProxy.Proxy.Streaming;
using LlmCacheProxy.Telemetry;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace LlmCacheProxy.Proxy;

/// <summary>
/// The cache step in YARP's proxy pipeline (DESIGN.md section 1). On <c>POST .../chat/completions</c>:
/// read the bounded body, build the key, look the tiers up, answer a hit, or forward a miss once per key
/// (single flight) while capturing the answer beside the client's copy. Everything else goes to
/// <c>next</c> untouched. Streams: see CacheStep.Streaming.cs.
/// </summary>
internal sealed partial class CacheStep(
    ChatKeyBuilder keys,
    TieredCache cache,
    SingleFlight flights,
    PartitionResolver partitions,
    EntryFactory entries,
    IEnumerable<ICacheObserver> observers,
    IOptions<ProxyOptions> proxyOptions,
    IOptions<CacheOptions> cacheOptions,
    TimeProvider time,
    ILogger<CacheStep> logger)
{
    private const int MaxRetries = 3;
    private readonly ICacheObserver[] _observers = observers.ToArray();
    private readonly long _maxRequestBytes = proxyOptions.Value.MaxRequestBytes;
    private readonly long _maxEntryBytes = cacheOptions.Value.MaxEntryBytes;
    private readonly double? _maxTemperature = cacheOptions.Value.MaxTemperature;
    private readonly bool _enabled = cacheOptions.Value.Enabled;
    private readonly TimeSpan _staleWindow = TimeSpan.FromSeconds(cacheOptions.Value.StaleIfErrorSeconds);
    private readonly IReadOnlyList<string> _varyHeaders = cacheOptions.Value.ToKeySettings().VaryHeaders;

    private int _active;

    /// <summary>Cacheable requests still inside the step (their store or observers may not have run yet).</summary>
    public int Active => Volatile.Read(ref _active);

    public async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        if (!_enabled || !IsCacheableRoute(context))
        {
            await next();
            return;
        }

        Interlocked.Increment(ref _active);
        try
        {
            await HandleAsync(context, next);
        }
        finally
        {
            Interlocked.Decrement(ref _active);
        }
    }

    private async Task HandleAsync(HttpContext context, Func<Task> next)
    {
        if (!await TryReadControlsAsync(context))
        {
            return;
        }

        long started = Stopwatch.GetTimestamp();
        var request = context.Request;
        string route = request.Path.Value ?? "";
        var body = await RequestBody.ReadAsync(request, _maxRequestBytes, context.RequestAborted);
        if (body is null)
        {
            ProxyLog.RequestTooLarge(logger, _maxRequestBytes);
            await OpenAiError.WriteAsync(context, StatusCodes.Status413PayloadTooLarge,
                $"Request body exceeds the proxy's limit of {_maxRequestBytes} bytes (Proxy:MaxRequestBytes).",
                "invalid_request_error", "request_too_large");
            return;
        }

        request.Body = new MemoryStream(body, writable: false);
        request.ContentLength = body.Length;
        request.Headers.Remove(HeaderNames.TransferEncoding);
        // Cached bytes are replayed to any client: ask upstream for an uncompressed answer.
        request.Headers.Remove(HeaderNames.AcceptEncoding);

        string ns = CacheControl.Of(context).Namespace;
        string? partition = partitions.Resolve(request.Headers.Authorization);
        var scope = partition is null ? null
            : KeyScope.Create(route, request.QueryString.Value, CacheControl.Of(context).ScopePartition(partition), VaryOf(request.Headers));
        if (scope is null || !keys.TryBuild(body, scope, out var key))
        {
            await BypassAsync(context, next, started, route, ns, model: "");
            return;
        }

        if (key.Temperature > _maxTemperature)
        {
            await BypassAsync(context, next, started, route, ns, key.Model);
            return;
        }

        context.Response.Headers[CacheHeaders.Key] = key.Hash;
        // Stale-if-error holds a miss's answer back until it is known not to be an error: never for streams, which
        // would cost the client its time to first token.
        var lookup = await LookupAsync(context, key.Hash, key.Stream ? TimeSpan.Zero : _staleWindow);
        if (lookup.Hit is { } found)
        {
            await ServeEntryAsync(context, key, found.Entry, CacheOutcome.Hit, found.Tier);
            Observe(CacheOutcome.Hit, found.Tier, key.Model, ns, route, found.Entry.Response.Status, found.Entry, started);
            return;
        }

        if (await RefusedUpstreamAsync(context, started, route, ns, key.Model))
        {
            return;
        }

        await MissAsync(context, next, key, ns, route, started, lookup.Stale);
    }

    // Only the configured headers the request has: an absent header and an empty one are different questions.
    private List<KeyValuePair<string, string>> VaryOf(IHeaderDictionary headers)
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

        return vary;
    }

    private static bool IsCacheableRoute(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method) ||
            !(context.Request.Path.Value ?? "").EndsWith("/chat/completions", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var metadata = context.GetReverseProxyFeature().Route.Config.Metadata;
        return metadata is null || !metadata.TryGetValue("LlmCache", out var setting) ||
            !string.Equals(setting, "off", StringComparison.OrdinalIgnoreCase);
    }

    private async Task BypassAsync(HttpContext context, Func<Task> next, long started, string route, string ns, string model)
    {
        if (await RefusedUpstreamAsync(context, started, route, ns, model))
        {
            return;
        }

        context.Response.Headers[CacheHeaders.Cache] = CacheOutcome.Bypass.ToHeaderValue();
        await next();
        Observe(CacheOutcome.Bypass, null, model, ns, route, context.Response.StatusCode, null, started);
    }

    private async Task MissAsync(HttpContext context, Func<Task> next, CacheKey key, string ns, string route, long started, CacheHit? stale)
    {
        for (int attempt = 0; ; attempt++)
        {
            var flight = flights.Join(key.Hash, out bool isLeader);
            if (!isLeader && attempt < MaxRetries)
            {
                var outcome = await flight.Outcome.WaitAsync(context.RequestAborted);

                if (outcome.Entry is { } shared)
                {
                    await ServeEntryAsync(context, key, shared, CacheOutcome.Coalesced, tier: null);
                    Observe(CacheOutcome.Coalesced, null, key.Model, ns, route, 200, shared, started);
                    return;
                }

                if (outcome.Response is { } response && CanHandOver(response, key))
                {
                    await ServeResponseAsync(context, key, response, CacheOutcome.Coalesced);
                    Observe(CacheOutcome.Coalesced, null, key.Model, ns, route, response.Status, null, started);
                    return;
                }

                continue;
            }

            if (!isLeader)
            {
                // Leaders kept failing: answer this caller alone rather than wait for ever.
                await ForwardAsync(context, next, key, ns, route, started, stale);
                return;
            }

            var result = FlightOutcome.Retry;
            try
            {
                // A leader that lost the race with a just-finished flight finds the entry here. The first tier is
                // enough (a finished flight stored it there synchronously) and spares every miss a second SQLite read.
                var late = await LookupAsync(context, key.Hash, TimeSpan.Zero, firstTierOnly: true);
                if (late.Hit is { } hit)
                {
                    result = new FlightOutcome(hit.Entry, null);
                    await ServeEntryAsync(context, key, hit.Entry, CacheOutcome.Hit, hit.Tier);
                    Observe(CacheOutcome.Hit, hit.Tier, key.Model, ns, route, 200, hit.Entry, started);
                    return;
                }

                result = await ForwardAsync(context, next, key, ns, route, started, stale);
            }
            finally
            {
                flights.Complete(flight, result);
            }

            return;
        }
    }

    /// <summary>
    /// Forwards to upstream, capturing the answer; stores it when it is a complete 200 chat completion (JSON or stream).
    /// With a stale-if-error candidate the answer is held back (see StaleIfError) until it is known not to be an error.
    /// </summary>
    private async Task<FlightOutcome> ForwardAsync(
        HttpContext context, Func<Task> next, CacheKey key, string ns, string route, long started, CacheHit? stale)
    {
        var requestedAt = time.GetUtcNow();
        var response = context.Response;
        response.Headers[CacheHeaders.Cache] = CacheOutcome.Miss.ToHeaderValue();
        var original = response.Body;
        using var held = stale is null ? null : new MemoryStream();
        using var capture = new ResponseCapture(held ?? original, _maxEntryBytes);
        response.Body = capture;
        var sse = WatchStream(key, capture);
        var upstream = UpstreamActivity.Start(key.Model, route);
        try
        {
            await next();
        }
        finally
        {
            response.Body = original;
            UpstreamActivity.Stop(upstream, response.StatusCode, context.Features.Get<IForwarderErrorFeature>() is not null);
        }

        if (held is not null && stale is { } candidate)
        {
            if (StaleIfError.ShouldServeStale(context))
            {
                StaleIfError.ResetResponse(context);
                await ServeEntryAsync(context, key, candidate.Entry, CacheOutcome.Stale, candidate.Tier);
                Observe(CacheOutcome.Stale, candidate.Tier, key.Model, ns, route, candidate.Entry.Response.Status, candidate.Entry, started);
                return new FlightOutcome(candidate.Entry, null);
            }

            held.Position = 0;
            await held.CopyToAsync(original, context.RequestAborted);
        }

        long latencyMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        long firstByteMs = capture.FirstWriteTimestamp == 0 ? latencyMs
            : (long)Stopwatch.GetElapsedTime(started, capture.FirstWriteTimestamp).TotalMilliseconds;
        bool complete = context.Features.Get<IForwarderErrorFeature>() is null && !context.RequestAborted.IsCancellationRequested;
        string contentType = response.ContentType ?? "";
        CacheEntry? entry = null;
        var controls = CacheControl.Of(context);
        if (complete && !controls.NoStore && response.StatusCode == StatusCodes.Status200OK && !capture.Overflowed &&
            string.IsNullOrEmpty(response.Headers.ContentEncoding))
        {
            string provider = context.GetReverseProxyFeature().Cluster?.Config.ClusterId ?? "";
            entry = sse is not null && IsEventStream(contentType)
                ? CreateStreamEntry(sse, key, ns, route, provider, requestedAt, latencyMs, started, controls.Ttl)
                : contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
                    ? entries.FromJson(key, ns, route, provider, capture.ToArray(), contentType, requestedAt, latencyMs, firstByteMs, controls.Ttl)
                    : null;
            if (entry is not null)
            {
                await cache.SetAsync(entry);
            }
        }

        Observe(CacheOutcome.Miss, null, key.Model, ns, route, response.StatusCode, entry, started);
        if (entry is not null)
        {
            return new FlightOutcome(entry, null);
        }

        if (complete && !capture.Overflowed && !IsTruncatedStream(sse, contentType))
        {
            return new FlightOutcome(null, new CachedResponse
            {
                Status = response.StatusCode,
                ContentType = string.IsNullOrEmpty(contentType) ? "application/json" : contentType,
                Body = capture.ToArray(),
            });
        }

        return FlightOutcome.Retry;
    }

    private Task ServeEntryAsync(HttpContext context, CacheKey key, CacheEntry entry, CacheOutcome outcome, string? tier)
    {
        var headers = context.Response.Headers;
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

        return CachedResponseWriter.WriteAsync(context, entry.Response, key.Stream, key.IncludeUsage);
    }

    private static Task ServeResponseAsync(HttpContext context, CacheKey key, CachedResponse response, CacheOutcome outcome)
    {
        context.Response.Headers[CacheHeaders.Cache] = outcome.ToHeaderValue();
        return CachedResponseWriter.WriteAsync(context, response, key.Stream, key.IncludeUsage);
    }

    private void Observe(CacheOutcome outcome, string? tier, string model, string ns, string route, int status, CacheEntry? entry, long started)
    {
        if (_observers.Length == 0)
        {
            return;
        }

        var answer = new CacheAnswer(outcome, tier, model, ns, route, status, entry, Stopwatch.GetElapsedTime(started));
        foreach (var observer in _observers)
        {
            try
            {
                observer.OnAnswered(answer);
            }
            catch (Exception e)
            {
                ProxyLog.ObserverFailed(logger, observer.GetType().Name, e);
            }
        }
    }
}
