using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Proxy;

internal sealed class ModelLabelOptionsValidator : IValidateOptions<ModelLabelOptions>
{
    public ValidateOptionsResult Validate(string? name, ModelLabelOptions options)
    {
        var errors = new List<string>();
        if (options.MaxModelsPerHour is < 1 or > 100_000)
        {
            errors.Add($"Analytics:MaxModelsPerHour must be between 1 and 100000 (was {options.MaxModelsPerHour}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
