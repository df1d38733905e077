using LlmCacheProxy.Proxy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Admin;

/// <summary>
/// <c>POST /admin/cache/explain</c>: the body is the chat request; the caller's credential comes in
/// <c>X-Client-Authorization</c> (Authorization carries the admin token) and is only hashed, never echoed.
/// </summary>
internal sealed class ExplainEndpoint : IAdminEndpoints
{
    public const string ClientAuthorizationHeader = "X-Client-Authorization";
    public const string DefaultRoute = "/v1/chat/completions";

    public void Map(RouteGroupBuilder admin) => admin.MapPost("/cache/explain", ExplainAsync);

    private static async Task<Results<JsonHttpResult<ExplainResult>, ValidationProblem>> ExplainAsync(
        HttpRequest request, string? route, CacheExplainer explainer, IOptions<ProxyOptions> proxy, CancellationToken cancellationToken)
    {
        if (route is not null && !(route.StartsWith('/') && route.EndsWith("/chat/completions", StringComparison.OrdinalIgnoreCase)))
        {
            return AdminJson.Invalid("route", "route must be a chat completions path such as /v1/chat/completions.");
        }

        if (!CacheControl.TryParse(request.Headers, out var controls, out string error))
        {
            // Every message starts with the header it is about.
            return AdminJson.Invalid(error.Split(' ', ':')[0], error);
        }

        byte[]? body = await RequestBody.ReadAsync(request, proxy.Value.MaxRequestBytes, cancellationToken);
        if (body is null)
        {
            return AdminJson.Invalid("body", $"The body exceeds Proxy:MaxRequestBytes ({proxy.Value.MaxRequestBytes}).");
        }

        string? client = request.Headers.TryGetValue(ClientAuthorizationHeader, out var values) ? values.ToString() : null;
        return AdminJson.Ok(await explainer.ExplainAsync(body, route ?? DefaultRoute, client, controls, cancellationToken));
    }
}
