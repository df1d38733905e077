using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Proxy;

internal sealed class ProxyOptionsValidator : IValidateOptions<ProxyOptions>
{
    public ValidateOptionsResult Validate(string? name, ProxyOptions options)
    {
        var errors = new List<string>();
        if (!Uri.TryCreate(options.Upstream, UriKind.Absolute, out var upstream) ||
            (upstream.Scheme != Uri.UriSchemeHttp && upstream.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"Proxy:Upstream must be an absolute http(s) URL (got '{options.Upstream}').");
        }

        if (options.MaxRequestBytes <= 0)
        {
            errors.Add("Proxy:MaxRequestBytes must be positive.");
        }

        if (options.UpstreamTimeoutSeconds <= 0)
        {
            errors.Add("Proxy:UpstreamTimeoutSeconds must be positive.");
        }

        if (options.ProxyHeld && options.ClientKeys.Length == 0)
        {
            errors.Add("Proxy:ClientKeys must list at least one client key when Proxy:UpstreamApiKey is set (proxy-held mode).");
        }

        for (int i = 0; i < options.ClientKeys.Length; i++)
        {
            var key = options.ClientKeys[i];
            if (string.IsNullOrWhiteSpace(key.Key))
            {
                errors.Add($"Proxy:ClientKeys:{i} must not be an empty key (a string, or an object with Key).");
            }

            foreach (string control in key.AllowedCacheControls.Where(c => !ClientKey.ControlNames.ContainsKey(c.Trim())))
            {
                errors.Add($"Proxy:ClientKeys:{i}:AllowedCacheControls lists '{control}'; allowed: no-cache, no-store, ttl.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
