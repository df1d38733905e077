using System.Text.Json;
using LlmCacheProxy.Caching;
using LlmCacheProxy.Endpoints;
using LlmCacheProxy.Keys;
using LlmCacheProxy.Pricing;
using LlmCacheProxy.Proxy;
using LlmCacheProxy.Storage;
using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Admin;

/// <summary>
/// Stores entries from an export file (<see cref="CacheExportFormat"/>) or from an OpenAI Batch API job (its input and
/// output files, matched by <c>custom_id</c>; only 200 answers). Every key is rebuilt from the request by the endpoint's
/// own key builder under the current key version, partition and namespace, so an old export survives key changes.
/// Imported entries count as created now (epochs written before, a clear included, do not hide them) and keep the
/// exported expiry; expired lines are skipped. They go through the one write path as imports (SQLite and S3, not
/// memory); every <see cref="FlushEvery"/> stores the writer is flushed, so a large file never overflows its queue
/// and a run stopped midway has committed all but the last stretch (<c>--resume</c> skips what is stored). A line
/// that fails is reported by number and skipped.
/// </summary>
internal sealed partial class CacheImporter(
    EndpointRegistry endpoints,
    TieredCache cache,
    EntryStore store,
    SqliteWriter writer,
    CostCalculator costs,
    IOptions<CacheOptions> options,
    TimeProvider time)
{
    public const int MaxReportedErrors = 1000;
    public const int MaxLineBytes = 64 * 1024 * 1024;
    public const string BatchProvider = "openai-batch";
    private const int FlushEvery = 256;

    /// <param name="totalBytes">The input's length when known (progress), else 0.</param>
    public Task<ImportResult> ImportAsync(
        Stream input, long totalBytes, ImportOptions settings, IProgress<TransferProgress>? progress, CancellationToken cancellationToken) =>
        RunAsync(input, totalBytes, progress, (line, tally) =>
            CacheExportFormat.TryRead(line, out string error) is { } record ? StoreExported(record, settings, tally) : error,
            cancellationToken);

    private async Task<ImportResult> RunAsync(
        Stream input, long totalBytes, IProgress<TransferProgress>? progress, Func<byte[], Tally, string?> storeLine, CancellationToken cancellationToken)
    {
        var tally = new Tally();
        var reader = new JsonlReader(input, MaxLineBytes);
        long sinceFlush = 0;
        await foreach (var line in reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            long imported = tally.Imported;
            string? error = line.TooLong ? $"longer than {MaxLineBytes} bytes" : TryStore(storeLine, line.Bytes, tally);
            if (error is not null)
            {
                tally.Fail(line.Number, error);
            }

            sinceFlush += tally.Imported - imported;
            if (sinceFlush >= FlushEvery)
            {
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                sinceFlush = 0;
            }

            if (tally.Lines % 100 == 0)
            {
                progress?.Report(tally.Progress(reader.Position, totalBytes));
            }
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        progress?.Report(tally.Progress(reader.Position, Math.Max(totalBytes, reader.Position)));
        return tally.Result();
    }

    private static string? TryStore(Func<byte[], Tally, string?> storeLine, byte[] line, Tally tally)
    {
        try
        {
            return storeLine(line, tally);
        }
        catch (JsonException e)
        {
            return $"not JSON (byte {e.BytePositionInLine})";
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            return "a field has the wrong type";
        }
    }

    private string? StoreExported(ExportRecord record, ImportOptions settings, Tally tally)
    {
        string? partition = settings.Partition ?? record.Partition;
        if (partition is null)
        {
            return "the line names no partition: give the caller's key (--client-key-env, or X-Client-Authorization)";
        }

        if (record.Namespace.Length > 0 && !CacheControl.IsValidNamespace(record.Namespace))
        {
            return "namespace is not [a-zA-Z0-9._-]{1,64}";
        }

        if (endpoints.Find(record.Route) is not { } endpoint)
        {
            return $"no cacheable endpoint serves route {Short(record.Route)}";
        }

        var scope = new CacheControl { Namespace = record.Namespace };
        if (!endpoint.TryBuildKey(record.RequestBody, KeyScope.Create(record.Route, null, scope.ScopePartition(partition), []), out var key))
        {
            return "request_body is not a cacheable request for its route";
        }

        var now = time.GetUtcNow();
        if (record.Entry.IsExpired(now))
        {
            tally.Skipped++;
            return null;
        }

        var entry = record.Entry with
        {
            CacheKey = key.Hash,
            CacheId = key.CacheId,
            Model = key.Model,
            Namespace = record.Namespace,
            Route = record.Route,
            Request = key.CanonicalJson,
            RequestBody = record.ClientBody ? record.RequestBody : null,
            ResponseTimestamp = now,
        };
        return Store(entry, settings, tally);
    }

    private string? Store(CacheEntry entry, ImportOptions settings, Tally tally)
    {
        if (settings.Resume && store.Contains(entry.CacheKey))
        {
            tally.AlreadyStored++;
            return null;
        }

        if (!cache.Import(entry))
        {
            return "the SQLite writer's queue is full";
        }

        tally.Imported++;
        return null;
    }

    /// <summary>An identifier echoed in an error, bounded (it comes from the file).</summary>
    private static string Short(string text) => text.Length <= 64 ? text : text[..64] + "...";

    private sealed class Tally
    {
        private readonly List<LineError> _errors = [];

        public long Imported { get; set; }

        public long AlreadyStored { get; set; }

        public long Skipped { get; set; }

        public long Failed { get; private set; }

        public long Lines => Imported + AlreadyStored + Skipped + Failed;

        public void Fail(int line, string error)
        {
            Failed++;
            if (_errors.Count < MaxReportedErrors)
            {
                _errors.Add(new LineError(line, error));
            }
        }

        public TransferProgress Progress(long done, long total) => new(done, total, Imported, AlreadyStored + Skipped, Failed);

        public ImportResult Result() => new(Imported, AlreadyStored, Skipped, Failed, _errors);
    }
}
