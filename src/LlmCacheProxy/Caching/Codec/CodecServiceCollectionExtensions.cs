using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Caching.Codec;

internal static class CodecServiceCollectionExtensions
{
    /// <summary>Compression and encryption settings (validated at start, all errors together), the key ring and the codec.</summary>
    public static IServiceCollection AddEntryCodec(this IServiceCollection services)
    {
        services.AddOptions<CompressionOptions>().BindConfiguration(CompressionOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CompressionOptions>, CompressionOptionsValidator>();
        services.AddOptions<EncryptionOptions>().BindConfiguration(EncryptionOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EncryptionOptions>, EncryptionOptionsValidator>();
        services.AddSingleton(sp =>
        {
            var errors = new List<string>();
            var ring = EncryptionKeyRing.Load(sp.GetRequiredService<IOptions<EncryptionOptions>>().Value, errors);
            return errors.Count == 0 ? ring : throw new OptionsValidationException(EncryptionOptions.SectionName, typeof(EncryptionOptions), errors);
        });
        services.AddSingleton<EntryCodec>();
        return services;
    }
}
