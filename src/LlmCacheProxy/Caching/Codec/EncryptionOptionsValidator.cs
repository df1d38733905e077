using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Caching.Codec;

/// <summary>Loads the key ring once to report every key problem at start-up (bad base64, wrong length, unknown active id).</summary>
internal sealed class EncryptionOptionsValidator : IValidateOptions<EncryptionOptions>
{
    public ValidateOptionsResult Validate(string? name, EncryptionOptions options)
    {
        var errors = new List<string>();
        EncryptionKeyRing.Load(options, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
