using LlmCacheProxy.Caching.Codec;

namespace LlmCacheProxy.Tests.Caching.Codec;

public sealed class EncryptionKeyRingTests
{
    private static List<string> Errors(EncryptionOptions options)
    {
        var errors = new List<string>();
        EncryptionKeyRing.Load(options, errors);
        return errors;
    }

    [Fact]
    public void Load_NoKeys_IsOffWithoutErrors()
    {
        var errors = new List<string>();

        var ring = EncryptionKeyRing.Load(new EncryptionOptions(), errors);

        Assert.Empty(errors);
        Assert.False(ring.Enabled);
    }

    [Fact]
    public void Load_ThreeProblems_ReportsOneLineEach()
    {
        var options = new EncryptionOptions
        {
            Keys = { ["bad64"] = "not base64 at all!", ["short"] = Convert.ToBase64String(new byte[16]) },
            ActiveKeyId = "missing",
        };

        var errors = Errors(options);

        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.Contains("Cache:Encryption:Keys:bad64 is not valid base64", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Cache:Encryption:Keys:short must decode to 32 bytes", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("ActiveKeyId 'missing' names no configured key", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_BadKey_ErrorNeverQuotesTheValue()
    {
        string value = Convert.ToBase64String(Enumerable.Range(0, 31).Select(i => (byte)(i * 7)).ToArray());

        var errors = Errors(new EncryptionOptions { Keys = { ["k1"] = value }, ActiveKeyId = "k1" });

        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.DoesNotContain(value, e, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_KeysWithoutActiveId_IsAnError()
    {
        var errors = Errors(new EncryptionOptions { Keys = { ["k1"] = CodecFixtures.Key1 } });

        Assert.Contains(errors, e => e.Contains("Cache:Encryption:ActiveKeyId is required", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{\"k1\":\"KEY1\",\"k2\":\"KEY2\"}")]
    [InlineData("# rotation 2026-01\nk1=KEY1\n\nk2 = KEY2\n")]
    public void Load_KeyFileInEitherForm_AddsItsKeys(string text)
    {
        string path = Path.Combine(Path.GetTempPath(), "llmcache-keys-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(path, text.Replace("KEY1", CodecFixtures.Key1, StringComparison.Ordinal).Replace("KEY2", CodecFixtures.Key2, StringComparison.Ordinal));
        try
        {
            var errors = new List<string>();

            var ring = EncryptionKeyRing.Load(new EncryptionOptions { KeyFile = path, ActiveKeyId = "k2" }, errors);

            Assert.Empty(errors);
            Assert.Equal("k2", ring.ActiveKeyId);
            Assert.Equal(["k1", "k2"], ring.KeyIds.Order(StringComparer.Ordinal));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_MissingKeyFile_IsAnError()
    {
        var errors = Errors(new EncryptionOptions { KeyFile = "/nonexistent/llmcache.keys", ActiveKeyId = "k1" });

        Assert.Contains(errors, e => e.Contains("KeyFile '/nonexistent/llmcache.keys' cannot be read", StringComparison.Ordinal));
    }
}
