using LlmCacheProxy.IntegrationTests.Infrastructure;

namespace LlmCacheProxy.IntegrationTests.Storage;

/// <summary>Bad encryption keys stop the real binary at start, one line each, beside the other errors, never showing a key.</summary>
public sealed class EncryptionStartupTests
{
    [Fact]
    public async Task Startup_BadKeys_ExitsListingEachProblemWithoutTheKeys()
    {
        using var directory = new TestDirectory();
        string shortKey = Convert.ToBase64String(Enumerable.Range(40, 16).Select(i => (byte)i).ToArray());
        var environment = new Dictionary<string, string>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Cache__Encryption__Keys__bad"] = "%%%not-base64%%%",
            ["Cache__Encryption__Keys__short"] = shortKey,
            ["Cache__Encryption__ActiveKeyId"] = "k9",
            ["Cache__Compression"] = "lz4",
        };

        var result = await CliRun.RunAsync(directory.SqlitePath, environment);

        string output = result.Output + result.Errors;
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Cache:Encryption:Keys:bad is not valid base64.", output, StringComparison.Ordinal);
        Assert.Contains("Cache:Encryption:Keys:short must decode to 32 bytes (AES-256), not 16.", output, StringComparison.Ordinal);
        Assert.Contains("Cache:Encryption:ActiveKeyId 'k9' names no configured key", output, StringComparison.Ordinal);
        Assert.Contains("Cache:Compression must be 'none' or 'zstd' (got 'lz4').", output, StringComparison.Ordinal);
        Assert.DoesNotContain(shortKey, output, StringComparison.Ordinal);
        Assert.DoesNotContain("not-base64", output, StringComparison.Ordinal);
    }
}
