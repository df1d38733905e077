using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LlmCacheProxy.IntegrationTests.Telemetry;

/// <summary>
/// A tiny OTLP/HTTP collector on loopback: POST /v1/metrics, /v1/traces and /v1/logs (protobuf bodies) are kept in
/// arrival order and answered with an empty (valid) export response.
/// </summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<byte[]>> _payloads = new();
    private readonly WebApplication _app;

    private OtlpReceiver(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    /// <summary>The base address to give as OTEL_EXPORTER_OTLP_ENDPOINT (the exporter appends /v1/{signal}).</summary>
    public Uri Endpoint { get; }

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        OtlpReceiver? receiver = null;
        app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            string signal = context.Request.Path.Value?.TrimStart('/') ?? "";
            receiver!._payloads.GetOrAdd(signal, _ => new ConcurrentQueue<byte[]>()).Enqueue(body.ToArray());
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/x-protobuf";
        });
        await app.StartAsync();
        receiver = new OtlpReceiver(app, new Uri(app.Urls.First()));
        return receiver;
    }

    /// <summary>Payloads received for a signal (v1/metrics, v1/traces, v1/logs), oldest first.</summary>
    public IReadOnlyList<byte[]> Payloads(string signal) =>
        _payloads.TryGetValue(signal, out var queue) ? queue.ToArray() : [];

    /// <summary>
    /// Cumulative metrics: the newest payload holding a point for the series is its current value.
    /// </summary>
    public IReadOnlyList<OtlpPoint> LatestPoints(string metric, params (string Key, string Value)[] attributes)
    {
        foreach (var payload in Payloads("v1/metrics").Reverse())
        {
            var points = OtlpDecoder.Metrics(payload).Where(p => p.Metric == metric && p.Matches(attributes)).ToList();
            if (points.Count > 0)
            {
                return points;
            }
        }

        return [];
    }

    public IReadOnlyList<OtlpSpan> Spans() => Payloads("v1/traces").SelectMany(p => OtlpDecoder.Spans(p)).ToList();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
