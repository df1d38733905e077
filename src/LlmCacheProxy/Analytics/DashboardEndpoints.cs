using LlmCacheProxy.Admin;

namespace LlmCacheProxy.Analytics;

/// <summary>
/// <c>GET /admin/dashboard</c>: one static, self-contained page (no CDN). It is mapped outside the admin group on
/// purpose: the page holds no data; it asks for the admin token, keeps it in sessionStorage, and calls
/// <c>/admin/analytics</c> with it, which is where the token is checked.
/// </summary>
internal static class DashboardEndpoints
{
    private const string ResourceName = "LlmCacheProxy.Analytics.dashboard.html";
    private static readonly Lazy<byte[]> Page = new(Load);

    public static IEndpointConventionBuilder MapDashboard(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/admin/dashboard", (HttpContext context) =>
        {
            var headers = context.Response.Headers;
            headers.CacheControl = "no-store";
            headers["X-Content-Type-Options"] = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Content-Security-Policy"] =
                "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'";
            return Results.Bytes(Page.Value, "text/html; charset=utf-8");
        }).AddEndpointFilter<AdminQueryFilter>().WithName("Dashboard");

    private static byte[] Load()
    {
        using var stream = typeof(DashboardEndpoints).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
