namespace LlmCacheProxy.Caching.S3;

/// <summary>Settings under <c>Cache:S3</c>. Validated at start-up by <see cref="S3OptionsValidator"/>.</summary>
internal sealed class S3Options
{
    public const string SectionName = "Cache:S3";

    public bool Enabled { get; set; }
    /// <summary>Endpoint of an S3-compatible store (MinIO, Ceph, R2, s3rver); empty = AWS S3 in <see cref="Region"/>.</summary>
    public string ServiceUrl { get; set; } = "";
    public string Region { get; set; } = "us-east-1";
    public string Bucket { get; set; } = "";
    /// <summary>Prepended to every object name, e.g. <c>team-a/</c>; empty = bucket root.</summary>
    public string Prefix { get; set; } = "";
    public bool ForcePathStyle { get; set; }
    /// <summary>Optional; when both are empty the AWS default chain (env, profile, instance role) is used.</summary>
    public string AccessKey { get; set; } = "";
    public string SecretKey { get; set; } = "";
    /// <summary>Budget of one lookup (pointer + entry) on the request path; past it the lookup is a miss.</summary>
    public int LookupTimeoutMilliseconds { get; set; } = 2000;
    /// <summary>Budget of one background call (upload, listing, invalidations).</summary>
    public int WriteTimeoutSeconds { get; set; } = 30;
    public int InvalidationPollSeconds { get; set; } = 5;
    /// <summary>Uploads in flight at once.</summary>
    public int UploadConcurrency { get; set; } = 4;
    /// <summary>How long the circuit stays open after S3 failed repeatedly.</summary>
    public int BreakSeconds { get; set; } = 15;
    /// <summary>How often today's by-date manifest is rewritten; 0 = never.</summary>
    public int ManifestIntervalSeconds { get; set; } = 600;
    /// <summary>How often dead (expired, invalidated) entries are deleted from the bucket; 0 = never.</summary>
    public int SweepIntervalSeconds { get; set; } = 3600;
}
