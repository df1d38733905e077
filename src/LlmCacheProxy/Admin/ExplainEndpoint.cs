using LlmCacheProxy.Endpoints;
using LlmCacheProxy.Proxy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Admin;

/// <summary>
/// <c>POST /admin/cache/explain?route=/v1/...</c>: the body is the request as the client would send it to that route (chat
/// completions by default; a query such as <c>?api-version=...</c> is part of the route, and the request's own vary
/// headers, e.g. <c>OpenAI-Organization</c>, count as the client's); the caller's credential comes in
/// <c>X-Client-Authorization</c> (Authorization carries the admin token) and is only hashed, never echoed.
/// </summary>
internal sealed class ExplainEndpoint : IAdminEndpoints
{
    public const string ClientAuthorizationHeader = "X-Client-Authorization";
    public const string DefaultRoute = "/v1/chat/completions";

    public void Map(RouteGroupBuilder admin) => admin.MapPost("/cache/explain", ExplainAsync);

    private static async Task<Results<JsonHttpResult<ExplainResult>, ValidationProblem>> ExplainAsync(
        HttpRequest request, string? route, CacheExplainer explainer, EndpointRegistry endpoints, IOptions<ProxyOptions> proxy,
        CancellationToken cancellationToken)
    {
        route ??= DefaultRoute;
        if (!route.StartsWith('/') || endpoints.Find(route.Split('?')[0]) is not { } endpoint)
        {
            return AdminJson.Invalid("route", "route must be the path of a cacheable endpoint such as /v1/chat/completions.");
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
        int q = route.IndexOf('?', StringComparison.Ordinal);
        string path = q < 0 ? route : route[..q];
        string? query = q < 0 ? null : route[q..];
        return AdminJson.Ok(await explainer.ExplainAsync(endpoint, body, path, query, request.Headers, client, controls, cancellationToken));
    }
}
