using LlmCacheProxy.Storage;
using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Caching;

/// <summary>Reports every configuration error at once; a failure stops start-up.</summary>
internal sealed class CacheOptionsValidator : IValidateOptions<CacheOptions>
{
    public ValidateOptionsResult Validate(string? name, CacheOptions options)
    {
        var errors = new List<string>();
        if (options.DefaultTtlSeconds < 0)
        {
            errors.Add("Cache:DefaultTtlSeconds must be 0 (no expiry) or a positive number of seconds.");
        }

        if (options.MaxTtlSeconds < 0)
        {
            errors.Add("Cache:MaxTtlSeconds must be 0 (no cap) or a positive number of seconds.");
        }

        if (options.StaleIfErrorSeconds < 0)
        {
            errors.Add("Cache:StaleIfErrorSeconds must be 0 (off) or a positive number of seconds.");
        }

        foreach (var (model, ttl) in options.ModelTtlSeconds)
        {
            if (ttl < 0)
            {
                errors.Add($"Cache:ModelTtlSeconds:{model} must be 0 or positive.");
            }
        }

        if (options.CoalesceWaitSeconds is < 1 or > 3600)
        {
            errors.Add("Cache:CoalesceWaitSeconds must be between 1 and 3600.");
        }

        if (options.MaxEntryBytes <= 0)
        {
            errors.Add("Cache:MaxEntryBytes must be positive.");
        }

        if (options.MaxTemperature is < 0)
        {
            errors.Add("Cache:MaxTemperature must be 0 or positive.");
        }

        if (options.Memory.Enabled && options.Memory.MaxBytes <= 0)
        {
            errors.Add("Cache:Memory:MaxBytes must be positive when the memory tier is enabled.");
        }

        if (options.MaxModelLength is < 1 or > 10_000)
        {
            errors.Add("Cache:MaxModelLength must be between 1 and 10000 characters.");
        }

        foreach (string header in options.VaryHeaders)
        {
            if (string.IsNullOrWhiteSpace(header) || header.Any(c => c <= ' ' || c == ':' || c > '~'))
            {
                errors.Add($"Cache:VaryHeaders: '{header}' is not an HTTP header name.");
            }
        }

        if (options.Warmup.MaxEntries < 0 || options.Warmup.MaxBytes < 0)
        {
            errors.Add("Cache:Warmup:MaxEntries and Cache:Warmup:MaxBytes must be 0 (nothing warmed) or positive.");
        }

        errors.AddRange(SqliteOptionsValidator.Errors(options.Sqlite));
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
