using System.Buffers;

namespace LlmCacheProxy.Proxy;

internal static class RequestBody
{
    /// <summary>Reads the whole body, or returns null as soon as it exceeds <paramref name="limit"/> bytes.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength is long declared && declared > limit)
        {
            return null;
        }

        if (request.ContentLength is long known)
        {
            return await ReadExactAsync(request.Body, (int)known, cancellationToken).ConfigureAwait(false);
        }

        const int initial = 4096;
        var buffer = ArrayPool<byte>.Shared.Rent(initial);
        int length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                int read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > limit)
                {
                    return null;
                }
            }

            return buffer.AsSpan(0, length).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// A declared length (already checked against the limit): read straight into an array of that size, no pooled
    /// buffer and second copy. The server ends the body at the declared length and fails a shorter one.
    /// </summary>
    private static async Task<byte[]> ReadExactAsync(Stream body, int declared, CancellationToken cancellationToken)
    {
        var buffer = new byte[declared];
        int length = await body.ReadAtLeastAsync(buffer, declared, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        return length == declared ? buffer : buffer[..length];
    }
}
