using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Admin;

/// <summary>
/// An admin token in an <c>/admin</c> URL (<c>?token=</c>, <c>?access_token=</c>, any value equal to
/// <c>Admin:Token</c>): the value is redacted before anything logs the request, and the request is refused (400).
/// URLs end up in request logs, proxy logs and browser history; the header does not.
/// </summary>
internal sealed class AdminQueryGuard(IOptions<AdminOptions> options)
{
    public const string Redacted = "REDACTED";

    private static readonly string[] TokenNames = ["token", "access_token", "admin_token", "api_key", "apikey", "authorization", "bearer"];

    private readonly byte[]? _token = string.IsNullOrEmpty(options.Value.Token) ? null : Encoding.UTF8.GetBytes(options.Value.Token);

    public static bool IsAdminPath(string? path) =>
        path is not null && path.StartsWith("/admin", StringComparison.OrdinalIgnoreCase) &&
        (path.Length == 6 || path[6] == '/');

    /// <summary>
    /// Rewrites the request's query (and raw target) with token values replaced by <see cref="Redacted"/>; marks the
    /// request with <see cref="RedactedQueryFeature"/> when it did. Runs before the hosting layer logs the request.
    /// </summary>
    public void Redact(IFeatureCollection features)
    {
        if (features.Get<IHttpRequestFeature>() is not { } request || request.QueryString.Length < 2 || !IsAdminPath(request.Path))
        {
            return;
        }

        string? redacted = RedactQuery(request.QueryString);
        if (redacted is null)
        {
            return;
        }

        int query = request.RawTarget.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            request.RawTarget = request.RawTarget[..query] + redacted;
        }

        request.QueryString = redacted;
        features.Set(RedactedQueryFeature.Instance);
    }

    /// <summary>True when the parsed query names a token parameter or holds the admin token as a value.</summary>
    public bool Reveals(IQueryCollection query)
    {
        foreach (var (name, values) in query)
        {
            if (IsTokenName(name))
            {
                return true;
            }

            foreach (string? value in values)
            {
                if (IsToken(value))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The query with token values redacted, or null when there was nothing to redact.</summary>
    private string? RedactQuery(string query)
    {
        string[] pairs = query[1..].Split('&');
        bool changed = false;
        for (int i = 0; i < pairs.Length; i++)
        {
            int eq = pairs[i].IndexOf('=', StringComparison.Ordinal);
            string name = Decode(eq < 0 ? pairs[i] : pairs[i][..eq]);
            string value = eq < 0 ? "" : Decode(pairs[i][(eq + 1)..]);
            if (IsTokenName(name) || IsToken(value))
            {
                pairs[i] = (eq < 0 ? pairs[i] : pairs[i][..eq]) + "=" + Redacted;
                changed = true;
            }
        }

        return changed ? "?" + string.Join('&', pairs) : null;
    }

    private static bool IsTokenName(string name) =>
        Array.Exists(TokenNames, n => string.Equals(n, name.Trim(), StringComparison.OrdinalIgnoreCase));

    private bool IsToken(string? value)
    {
        if (_token is null || string.IsNullOrEmpty(value))
        {
            return false;
        }

        byte[] presented = Encoding.UTF8.GetBytes(value.Trim());
        return presented.Length == _token.Length && CryptographicOperations.FixedTimeEquals(presented, _token);
    }

    private static string Decode(string part)
    {
        try
        {
            return Uri.UnescapeDataString(part.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            return part;
        }
    }
}
