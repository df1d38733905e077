using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LlmCacheProxy.Caching.Redis;

/// <summary>Reports every problem of <c>Cache:Redis</c> at once; checks nothing while Redis is disabled.</summary>
internal sealed class RedisOptionsValidator : IValidateOptions<RedisOptions>
{
    public ValidateOptionsResult Validate(string? name, RedisOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var errors = new List<string>();
        try
        {
            if (ConfigurationOptions.Parse(options.Configuration).EndPoints.Count == 0)
            {
                errors.Add("Cache:Redis:Configuration names no endpoint (e.g. \"localhost:6379\").");
            }
        }
        catch (Exception e) when (e is ArgumentException or FormatException or NotSupportedException)
        {
            // The message may quote the string, which can hold a password: say only that it is malformed.
            errors.Add("Cache:Redis:Configuration is not a StackExchange.Redis connection string.");
        }

        if (string.IsNullOrEmpty(options.KeyPrefix))
        {
            errors.Add("Cache:Redis:KeyPrefix must not be empty (it keeps our keys apart from others on the server).");
        }

        if (options.MaxEntryBytes <= 0)
        {
            errors.Add("Cache:Redis:MaxEntryBytes must be positive.");
        }

        if (options.DefaultTtlSeconds <= 0)
        {
            errors.Add("Cache:Redis:DefaultTtlSeconds must be positive: every Redis entry expires.");
        }

        Positive(errors, options.OperationTimeoutMilliseconds, "OperationTimeoutMilliseconds");
        Positive(errors, options.BreakSeconds, "BreakSeconds");
        Positive(errors, options.LeaseSeconds, "LeaseSeconds");
        Positive(errors, options.WriteQueueCapacity, "WriteQueueCapacity");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Positive(List<string> errors, long value, string name)
    {
        if (value <= 0)
        {
            errors.Add($"Cache:Redis:{name} must be positive.");
        }
    }
}
