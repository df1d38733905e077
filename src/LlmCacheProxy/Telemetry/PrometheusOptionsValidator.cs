using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Telemetry;

internal sealed class PrometheusOptionsValidator : IValidateOptions<PrometheusOptions>
{
    public ValidateOptionsResult Validate(string? name, PrometheusOptions options)
    {
        var errors = new List<string>();
        if (options.Port is < 0 or > 65535)
        {
            errors.Add($"Telemetry:Prometheus:Port must be 0 (the proxy's listener) or a TCP port 1-65535 (got {options.Port}).");
        }

        if (!options.Path.StartsWith('/') || options.Path.StartsWith("/v1", StringComparison.OrdinalIgnoreCase) ||
            options.Path.StartsWith("/admin", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"Telemetry:Prometheus:Path must start with '/' and stay outside /v1 and /admin (got '{options.Path}').");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
