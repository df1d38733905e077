using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Caching.Codec;

/// <summary>Every bad compression value, one line each.</summary>
internal sealed class CompressionOptionsValidator : IValidateOptions<CompressionOptions>
{
    public ValidateOptionsResult Validate(string? name, CompressionOptions options)
    {
        var errors = new List<string>();
        Check(errors, "Cache:Compression", options.Compression);
        if (options.Sqlite.Compression is { } sqlite)
        {
            Check(errors, "Cache:Sqlite:Compression", sqlite);
        }

        if (options.S3.Compression is { } s3)
        {
            Check(errors, "Cache:S3:Compression", s3);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Check(List<string> errors, string setting, string value)
    {
        if (!EntryCompression.IsValid(value))
        {
            errors.Add($"{setting} must be '{EntryCompression.None}' or '{EntryCompression.Zstd}' (got '{value}').");
        }
    }
}
