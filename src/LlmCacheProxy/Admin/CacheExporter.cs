using LlmCacheProxy.Caching;
using LlmCacheProxy.Caching.Codec;
using LlmCacheProxy.Storage;

namespace LlmCacheProxy.Admin;

/// <summary>
/// Writes the live SQLite entries (not expired, not killed by an epoch), optionally of one model, namespace or since a
/// time, as export lines (<see cref="CacheExportFormat"/>), oldest first. Rows that do not open (a key not held) are
/// counted as skipped. Reads only: safe beside a running proxy (WAL readers do not block its writer).
/// </summary>
internal sealed class CacheExporter(EntryStore store, EntryCodec codec, InvalidationEpochs epochs, TimeProvider time)
{
    private static readonly byte[] Newline = "\n"u8.ToArray();

    public async Task<TransferProgress> ExportAsync(
        Stream output, string? model, string? ns, DateTimeOffset? since, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        long total = store.CountLive(model, ns, since);
        long done = 0, written = 0, skipped = 0;
        var now = time.GetUtcNow();
        foreach (var row in store.Live(model, ns, since, cancellationToken))
        {
            done++;
            var entry = codec.Read(row.Body, row.Key, out _);
            if (entry is null || entry.CacheKey != row.Key || entry.IsExpired(now) || epochs.IsInvalidated(entry))
            {
                skipped++;
            }
            else
            {
                await output.WriteAsync(CacheExportFormat.Write(entry), cancellationToken).ConfigureAwait(false);
                await output.WriteAsync(Newline, cancellationToken).ConfigureAwait(false);
                written++;
            }

            if (done % 100 == 0)
            {
                progress?.Report(new TransferProgress(done, total, written, skipped, 0));
            }
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        var result = new TransferProgress(done, Math.Max(total, done), written, skipped, 0);
        progress?.Report(result);
        return result;
    }
}
