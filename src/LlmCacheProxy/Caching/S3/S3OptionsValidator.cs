using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Caching.S3;

/// <summary>Reports every problem of <c>Cache:S3</c> at once; checks nothing while S3 is disabled.</summary>
internal sealed class S3OptionsValidator : IValidateOptions<S3Options>
{
    public ValidateOptionsResult Validate(string? name, S3Options options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Bucket))
        {
            errors.Add("Cache:S3:Bucket is required when Cache:S3:Enabled is true.");
        }

        if (!string.IsNullOrEmpty(options.ServiceUrl) &&
            (!Uri.TryCreate(options.ServiceUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")))
        {
            errors.Add("Cache:S3:ServiceUrl must be an absolute http(s) URL, or empty for AWS S3.");
        }

        if (string.IsNullOrEmpty(options.ServiceUrl) && string.IsNullOrWhiteSpace(options.Region))
        {
            errors.Add("Cache:S3:Region is required for AWS S3 (Cache:S3:ServiceUrl empty).");
        }

        if (string.IsNullOrEmpty(options.AccessKey) != string.IsNullOrEmpty(options.SecretKey))
        {
            errors.Add("Cache:S3:AccessKey and Cache:S3:SecretKey go together: set both, or neither to use the AWS default credential chain.");
        }

        if (options.Prefix.StartsWith('/') || (options.Prefix.Length > 0 && !options.Prefix.EndsWith('/')))
        {
            errors.Add("Cache:S3:Prefix must be empty or end with '/' and not start with '/' (e.g. \"team-a/\").");
        }

        Positive(errors, options.LookupTimeoutMilliseconds, "LookupTimeoutMilliseconds");
        Positive(errors, options.WriteTimeoutSeconds, "WriteTimeoutSeconds");
        Positive(errors, options.InvalidationPollSeconds, "InvalidationPollSeconds");
        Positive(errors, options.BreakSeconds, "BreakSeconds");
        if (options.UploadConcurrency is < 1 or > 64)
        {
            errors.Add("Cache:S3:UploadConcurrency must be between 1 and 64.");
        }

        if (options.ManifestIntervalSeconds < 0)
        {
            errors.Add("Cache:S3:ManifestIntervalSeconds must be 0 (off) or positive.");
        }

        if (options.SweepIntervalSeconds < 0)
        {
            errors.Add("Cache:S3:SweepIntervalSeconds must be 0 (off) or positive.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Positive(List<string> errors, int value, string name)
    {
        if (value <= 0)
        {
            errors.Add($"Cache:S3:{name} must be positive.");
        }
    }
}
