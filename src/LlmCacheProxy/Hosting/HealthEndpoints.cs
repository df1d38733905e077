using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LlmCacheProxy.Hosting;

/// <summary>
/// ASP.NET Core health checks. <c>/healthz</c>: liveness, no check runs (the process serves). <c>/readyz</c>: the checks
/// tagged <c>ready</c> (sqlite, redis, s3, tiers). Degraded parts answer 200 (requests are still answered: tiers are
/// accelerators), unhealthy ones 503. The body: <c>status</c> (ready | degraded | down), <c>checks</c> (name ->
/// ok | degraded | down) and <c>entries</c> (per check: status, description, duration, tags, data).
/// </summary>
internal static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = (context, _) => context.Response.WriteAsync("ok\n"),
        });
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(ReadyTag),
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
            ResponseWriter = WriteReadinessAsync,
        });
        return endpoints;
    }

    private static Task WriteReadinessAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("status", report.Status switch
            {
                HealthStatus.Healthy => "ready",
                HealthStatus.Degraded => "degraded",
                _ => "down",
            });
            json.WriteStartObject("checks");
            foreach (var (name, entry) in report.Entries)
            {
                json.WriteString(name, Short(entry.Status));
            }

            json.WriteEndObject();
            json.WriteStartObject("entries");
            foreach (var (name, entry) in report.Entries)
            {
                json.WriteStartObject(name);
                json.WriteString("status", entry.Status.ToString());
                json.WriteString("description", entry.Description);
                json.WriteNumber("duration_ms", entry.Duration.TotalMilliseconds);
                json.WriteStartArray("tags");
                foreach (string tag in entry.Tags)
                {
                    json.WriteStringValue(tag);
                }

                json.WriteEndArray();
                json.WriteStartObject("data");
                foreach (var (key, value) in entry.Data)
                {
                    json.WriteString(key, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                }

                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return context.Response.Body.WriteAsync(buffer.ToArray()).AsTask();
    }

    private static string Short(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "ok",
        HealthStatus.Degraded => "degraded",
        _ => "down",
    };
}
