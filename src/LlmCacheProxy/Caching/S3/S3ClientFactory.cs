using Amazon;
using Amazon.Runtime;
using Amazon.S3;

namespace LlmCacheProxy.Caching.S3;

/// <summary>Builds the SDK client from <c>Cache:S3</c>.</summary>
internal static class S3ClientFactory
{
    public static IAmazonS3 Create(S3Options options)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            // Polly owns retries (and the breaker must see every failure), so the SDK does not retry on its own.
            MaxErrorRetry = 0,
            Timeout = TimeSpan.FromSeconds(options.WriteTimeoutSeconds),
        };
        if (string.IsNullOrEmpty(options.ServiceUrl))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }
        else
        {
            config.ServiceURL = options.ServiceUrl;
            // S3-compatible servers sign and check with a region too; without this the SDK guesses from the host.
            config.AuthenticationRegion = string.IsNullOrWhiteSpace(options.Region) ? "us-east-1" : options.Region;
        }

        return string.IsNullOrEmpty(options.AccessKey)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);
    }
}
