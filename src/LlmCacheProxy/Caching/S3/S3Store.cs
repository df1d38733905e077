using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Polly;

namespace LlmCacheProxy.Caching.S3;

/// <summary>
/// The bucket as a few byte-level calls. Every call runs through a resilience pipeline with a per-attempt
/// timeout (a timeout surfaces as <see cref="TimeoutException"/>, which the breaker counts); a missing
/// object is a normal answer (null), not a failure.
/// </summary>
internal sealed class S3Store(IAmazonS3 client, S3Options options, S3Resilience resilience)
{
    public async Task<byte[]?> GetAsync(string key, ResiliencePipeline pipeline, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var result = await GetIfChangedAsync(key, null, pipeline, timeout, cancellationToken).ConfigureAwait(false);
        return result.Body;
    }

    /// <summary>Conditional GET: with <paramref name="etag"/>, an unchanged object answers NotModified without a body.</summary>
    public Task<S3GetResult> GetIfChangedAsync(string key, string? etag, ResiliencePipeline pipeline, TimeSpan timeout, CancellationToken cancellationToken) =>
        RunAsync(pipeline, timeout, async token =>
        {
            try
            {
                var request = new GetObjectRequest { BucketName = options.Bucket, Key = key };
                if (etag is not null)
                {
                    request.EtagToNotMatch = etag;
                }

                using var response = await client.GetObjectAsync(request, token).ConfigureAwait(false);
                using var buffer = new MemoryStream();
                await response.ResponseStream.CopyToAsync(buffer, token).ConfigureAwait(false);
                return new S3GetResult(buffer.ToArray(), response.ETag, NotModified: false);
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                return new S3GetResult(null, null, NotModified: false);
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotModified)
            {
                return new S3GetResult(null, etag, NotModified: true);
            }
        }, cancellationToken);

    /// <summary>
    /// Writes an object and returns its ETag. <c>UseChunkEncoding = false</c> on purpose: some S3-compatible
    /// servers (s3rver) store aws-chunked framing as the object's bytes. <paramref name="ifMatch"/> makes the PUT
    /// conditional where the store supports it (AWS S3 does; a 412 surfaces as <see cref="S3PreconditionFailedException"/>).
    /// </summary>
    public Task<string?> PutAsync(string key, byte[] body, string? ifMatch, ResiliencePipeline pipeline, TimeSpan timeout, CancellationToken cancellationToken) =>
        PutAsync(key, body, "application/json", null, ifMatch, pipeline, timeout, cancellationToken);

    /// <summary>
    /// An entry object, with the headers that tell a standard tool what it holds (<c>Content-Encoding: zstd</c> for a
    /// zstd frame of the JSON document).
    /// </summary>
    public Task<string?> PutEntryAsync(string key, byte[] body, ResiliencePipeline pipeline, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var (contentType, contentEncoding) = Codec.EntryCodec.Describe(body);
        return PutAsync(key, body, contentType, contentEncoding, null, pipeline, timeout, cancellationToken);
    }

    private Task<string?> PutAsync(
        string key, byte[] body, string contentType, string? contentEncoding, string? ifMatch, ResiliencePipeline pipeline, TimeSpan timeout,
        CancellationToken cancellationToken) =>
        RunAsync<string?>(pipeline, timeout, async token =>
        {
            var request = new PutObjectRequest
            {
                BucketName = options.Bucket,
                Key = key,
                ContentType = contentType,
                InputStream = new MemoryStream(body, writable: false),
                UseChunkEncoding = false,
            };
            if (contentEncoding is not null)
            {
                request.Headers.ContentEncoding = contentEncoding;
            }

            if (ifMatch is not null)
            {
                request.IfMatch = ifMatch;
            }

            try
            {
                var response = await client.PutObjectAsync(request, token).ConfigureAwait(false);
                return response.ETag;
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.PreconditionFailed)
            {
                throw new S3PreconditionFailedException(key, e);
            }
        }, cancellationToken);

    /// <summary>One page of a listing; <paramref name="delimiter"/> "/" lists sub-folders as CommonPrefixes.</summary>
    public Task<ListObjectsV2Response> ListPageAsync(string prefix, string? delimiter, string? continuationToken, ResiliencePipeline pipeline, TimeSpan timeout, CancellationToken cancellationToken) =>
        RunAsync(pipeline, timeout, token => client.ListObjectsV2Async(new ListObjectsV2Request
        {
            BucketName = options.Bucket,
            Prefix = prefix,
            Delimiter = delimiter,
            ContinuationToken = continuationToken,
            MaxKeys = 1000,
        }, token), cancellationToken);

    public async IAsyncEnumerable<S3Object> ListAsync(string prefix, ResiliencePipeline pipeline, TimeSpan timeout, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? token = null;
        do
        {
            var page = await ListPageAsync(prefix, null, token, pipeline, timeout, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.S3Objects ?? [])
            {
                yield return item;
            }

            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (token is not null);
    }

    /// <summary>Deletes up to 1000 objects in one request (the S3 limit).</summary>
    public Task DeleteAsync(IReadOnlyList<string> keys, ResiliencePipeline pipeline, TimeSpan timeout, CancellationToken cancellationToken) =>
        keys.Count == 0 ? Task.CompletedTask : RunAsync(pipeline, timeout, async token =>
        {
            var request = new DeleteObjectsRequest { BucketName = options.Bucket, Quiet = true };
            foreach (var key in keys)
            {
                request.AddKey(key);
            }

            await client.DeleteObjectsAsync(request, token).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    private async Task<T> RunAsync<T>(ResiliencePipeline pipeline, TimeSpan timeout, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        return await pipeline.ExecuteAsync(async token =>
        {
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(token);
            attempt.CancelAfter(timeout);
            try
            {
                var result = await call(attempt.Token).ConfigureAwait(false);
                resilience.Record(failed: false);
                return result;
            }
            catch (OperationCanceledException e) when (!token.IsCancellationRequested)
            {
                resilience.Record(failed: true);
                throw new TimeoutException($"S3 call did not finish within {timeout.TotalMilliseconds} ms.", e);
            }
            catch (Exception e) when (e is not OperationCanceledException and not S3PreconditionFailedException)
            {
                resilience.Record(failed: true);
                throw;
            }
        }, cancellationToken).ConfigureAwait(false);
    }
}
