using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Admin;

/// <summary>
/// <c>Authorization: Bearer &lt;Admin:Token&gt;</c>, compared in constant time (on SHA-256 digests, so the
/// token's length does not leak either). No token configured: 403 naming the setting. Wrong or missing: 401.
/// </summary>
internal sealed class AdminAuthFilter(IOptions<AdminOptions> options) : IEndpointFilter
{
    private readonly byte[]? _expected = string.IsNullOrEmpty(options.Value.Token)
        ? null
        : SHA256.HashData(Encoding.UTF8.GetBytes(options.Value.Token));

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (_expected is null)
        {
            return ValueTask.FromResult<object?>(Results.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Admin API disabled",
                detail: "No admin token is configured. Set Admin:Token (environment variable Admin__Token) and send it as 'Authorization: Bearer <token>'."));
        }

        string header = context.HttpContext.Request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        bool ok = header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) &&
            CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(header[prefix.Length..].Trim())), _expected);
        if (!ok)
        {
            context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return ValueTask.FromResult<object?>(Results.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Unauthorized",
                detail: "Send the admin token as 'Authorization: Bearer <Admin:Token>'."));
        }

        return next(context);
    }
}
