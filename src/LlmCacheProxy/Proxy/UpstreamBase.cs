namespace LlmCacheProxy.Proxy;

/// <summary>
/// The default route keeps the request's own path (<c>/v1/chat/completions</c>), so the upstream is a base address
/// without the version. SDK docs give the base URL with it (<c>https://api.openai.com/v1</c>), and people paste that:
/// forwarded as is it would reach <c>/v1/v1/...</c>. A trailing <c>/v1</c> is dropped (and the start-up log says so).
/// </summary>
internal static class UpstreamBase
{
    public static string Address(string upstream) => Normalize(upstream, out _);

    public static string Normalize(string upstream, out bool strippedVersion)
    {
        string trimmed = upstream.Trim().TrimEnd('/');
        strippedVersion = Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) && uri.Query.Length == 0 &&
            uri.AbsolutePath.EndsWith("/v1", StringComparison.OrdinalIgnoreCase);
        return strippedVersion ? trimmed[..^"/v1".Length] + "/" : upstream;
    }

    /// <summary>Scheme, host, port and path only: no user info or query, which could carry a credential.</summary>
    public static string ForLog(string upstream) =>
        Uri.TryCreate(upstream, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Path) : "(not a URL)";
}
