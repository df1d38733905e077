using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Proxy;

/// <summary>
/// Proxy-held mode: every proxied request must carry one of <c>Proxy:ClientKeys</c> as
/// <c>Authorization: Bearer</c>, checked before anything else in the pipeline (so before the cache and the
/// forwarder). Keys are compared as SHA-256 digests with <see cref="CryptographicOperations.FixedTimeEquals"/>,
/// against every configured key without stopping early, so neither a key's length nor its position leaks.
/// Passthrough mode: a no-op, the client's own key goes upstream.
/// </summary>
internal sealed class ClientKeyCheck
{
    private readonly byte[][] _keys;
    private readonly bool _enabled;
    private readonly ILogger<ClientKeyCheck> _logger;

    public ClientKeyCheck(IOptions<ProxyOptions> options, ILogger<ClientKeyCheck> logger)
    {
        _enabled = options.Value.ProxyHeld;
        _keys = options.Value.ClientKeys.Select(k => SHA256.HashData(Encoding.UTF8.GetBytes(k.Trim()))).ToArray();
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        if (!_enabled || IsKnown(context.Request.Headers.Authorization.ToString()))
        {
            await next();
            return;
        }

        ProxyLog.ClientKeyRejected(_logger);
        context.Response.Headers.WWWAuthenticate = "Bearer";
        await OpenAiError.WriteAsync(context, StatusCodes.Status401Unauthorized,
            "Missing or unknown API key. This proxy holds the upstream key: send one of its client keys as 'Authorization: Bearer <key>'.",
            "invalid_request_error", "invalid_api_key");
    }

    private bool IsKnown(string header)
    {
        const string prefix = "Bearer ";
        if (!header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        byte[] presented = SHA256.HashData(Encoding.UTF8.GetBytes(header[prefix.Length..].Trim()));
        bool known = false;
        foreach (byte[] key in _keys)
        {
            known |= CryptographicOperations.FixedTimeEquals(presented, key);
        }

        return known;
    }
}
