namespace LlmCacheProxy.Admin;

/// <summary>
/// Refuses an <c>/admin</c> request that carries the admin token in its URL (see <see cref="AdminQueryGuard"/>) with a
/// 400 saying to use the header, whether or not the header is right too: the token is already in someone's log.
/// </summary>
internal sealed class AdminQueryFilter(AdminQueryGuard guard) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.Features.Get<RedactedQueryFeature>() is null && !guard.Reveals(http.Request.Query))
        {
            return next(context);
        }

        return ValueTask.FromResult<object?>(Results.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: "Admin token in the URL",
            detail: "Send the admin token as 'Authorization: Bearer <Admin:Token>', never in the query string: URLs are kept in logs and browser history. Consider rotating the token."));
    }
}
