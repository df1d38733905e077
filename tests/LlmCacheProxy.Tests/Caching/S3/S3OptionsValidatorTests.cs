using LlmCacheProxy.Caching.S3;

namespace LlmCacheProxy.Tests.Caching.S3;

public sealed class S3OptionsValidatorTests
{
    [Fact]
    public void Disabled_WithNothingSet_IsValid()
    {
        Assert.True(new S3OptionsValidator().Validate(null, new S3Options { Enabled = false, Bucket = "" }).Succeeded);
    }

    [Fact]
    public void Enabled_WithSeveralMistakes_ListsEveryError()
    {
        var options = new S3Options
        {
            Enabled = true,
            Bucket = "",
            ServiceUrl = "not a url",
            AccessKey = "only-half",
            Prefix = "/bad",
            InvalidationPollSeconds = 0,
            UploadConcurrency = 0,
        };

        var result = new S3OptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Contains(failures, f => f.Contains("Cache:S3:Bucket"));
        Assert.Contains(failures, f => f.Contains("Cache:S3:ServiceUrl"));
        Assert.Contains(failures, f => f.Contains("Cache:S3:AccessKey"));
        Assert.Contains(failures, f => f.Contains("Cache:S3:Prefix"));
        Assert.Contains(failures, f => f.Contains("Cache:S3:InvalidationPollSeconds"));
        Assert.Contains(failures, f => f.Contains("Cache:S3:UploadConcurrency"));
        Assert.Equal(6, failures.Count);
    }

    [Fact]
    public void Enabled_WithBucketAndLocalServer_IsValid()
    {
        var options = new S3Options { Enabled = true, Bucket = "b", ServiceUrl = "http://127.0.0.1:4568", AccessKey = "k", SecretKey = "s", Prefix = "team-a/" };

        Assert.True(new S3OptionsValidator().Validate(null, options).Succeeded);
    }
}
