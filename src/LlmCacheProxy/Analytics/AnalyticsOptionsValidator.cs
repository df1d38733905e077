using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Analytics;

/// <summary>Reports every bad Analytics setting at once, at start-up.</summary>
internal sealed class AnalyticsOptionsValidator : IValidateOptions<AnalyticsOptions>
{
    public ValidateOptionsResult Validate(string? name, AnalyticsOptions options)
    {
        var errors = new List<string>();
        if (options.FlushIntervalMs is < 50 or > 60_000)
        {
            errors.Add($"Analytics:FlushIntervalMs must be between 50 and 60000 (was {options.FlushIntervalMs}).");
        }

        if (options.SnapshotIntervalSeconds is < 5 or > 86_400)
        {
            errors.Add($"Analytics:SnapshotIntervalSeconds must be between 5 and 86400 (was {options.SnapshotIntervalSeconds}).");
        }

        if (options.RetentionDays is < 0 or > 36_500)
        {
            errors.Add($"Analytics:RetentionDays must be between 0 (keep for ever) and 36500 (was {options.RetentionDays}).");
        }

        if (options.MaxNamespacesPerHour is < 1 or > 100_000)
        {
            errors.Add($"Analytics:MaxNamespacesPerHour must be between 1 and 100000 (was {options.MaxNamespacesPerHour}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
