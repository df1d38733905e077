namespace LlmCacheProxy.Admin;

/// <summary>
/// The <c>/admin</c> route group: admin token required on every endpoint (in the header; one in the URL is refused),
/// never forwarded upstream.
/// Features add their endpoints to the group through <see cref="IAdminEndpoints"/> registrations.
/// </summary>
internal static class AdminEndpoints
{
    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/admin").AddEndpointFilter<AdminQueryFilter>().AddEndpointFilter<AdminAuthFilter>();
        foreach (var feature in endpoints.ServiceProvider.GetServices<IAdminEndpoints>())
        {
            feature.Map(group);
        }

        // Anything else under /admin is ours too: 404 (behind auth), never the upstream.
        group.Map("/{**rest}", () => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such admin endpoint"));
        return group;
    }
}
