using System.Text.Json;

namespace LlmCacheProxy.Hosting;

/// <summary><c>/healthz</c>: the process serves. <c>/readyz</c>: every required part is up (degraded parts listed).</summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => Results.Text("ok\n", "text/plain"));
        endpoints.MapGet("/readyz", (IEnumerable<IReadinessCheck> checks) =>
        {
            var results = checks.ToDictionary(c => c.Name, c => c.Check());
            bool down = results.Values.Any(s => s == ReadinessStatus.Down);
            bool degraded = results.Values.Any(s => s == ReadinessStatus.Degraded);
            var body = new Dictionary<string, object>
            {
                ["status"] = down ? "down" : degraded ? "degraded" : "ready",
                ["checks"] = results.ToDictionary(p => p.Key, p => p.Value.ToString().ToLowerInvariant()),
            };
            return Results.Json(body, statusCode: down ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
        });
        return endpoints;
    }
}
