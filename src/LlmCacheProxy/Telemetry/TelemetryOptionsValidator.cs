using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Telemetry;

/// <summary>A malformed endpoint or protocol stops start-up with the others' errors, not at the first export.</summary>
internal sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var errors = new List<string>();
        if (options.Enabled && (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var uri) ||
            (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            errors.Add($"{TelemetryOptions.EndpointKey} must be an absolute http(s) URL (got '{options.Endpoint}').");
        }

        if (options.Protocol is not ("" or "grpc" or "http/protobuf"))
        {
            errors.Add($"{TelemetryOptions.ProtocolKey} must be 'grpc' or 'http/protobuf' (got '{options.Protocol}').");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
