using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LlmCacheProxy.Caching.S3;

/// <summary>
/// Writes <c>cache-index/by-date/{yyyy}-{MM}-{dd}.json</c> every <c>ManifestIntervalSeconds</c>: the entries created
/// that UTC day, found by listing each model's day folder (so it covers what every instance wrote). Format 1:
/// <code>{"format":1,"date":"2025-01-02","generated_at":"...","count":2,
///  "entries":[{"object_key":"llm-cache/...json","cache_id":"...","model":"gpt-4o","size":123,"last_modified":"..."}]}</code>
/// Instances may write it concurrently; each writes the full listing, so the last one wins with a complete view.
/// </summary>
internal sealed class S3ManifestWriter(
    S3Store store,
    S3Layout layout,
    S3Resilience resilience,
    S3Options options,
    TimeProvider time,
    ILogger<S3ManifestWriter> logger) : BackgroundService
{
    private readonly TimeSpan _timeout = TimeSpan.FromSeconds(options.WriteTimeoutSeconds);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.ManifestIntervalSeconds <= 0)
        {
            return;
        }

        DateOnly? previous = null;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.ManifestIntervalSeconds), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
                try
                {
                    // Finish the day that just ended too, so its manifest holds its last hour.
                    if (previous is { } day && day != today)
                    {
                        await WriteAsync(day, stoppingToken).ConfigureAwait(false);
                    }

                    await WriteAsync(today, stoppingToken).ConfigureAwait(false);
                    previous = today;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    S3Log.BackgroundFailed(logger, "manifest", e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Lists the day's entries and writes its manifest. Returns the number of entries.</summary>
    public async Task<int> WriteAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var pipeline = resilience.Background;
        var entries = new List<(string Key, string Model, long Size, DateTime? Modified)>();
        string? token = null;
        do
        {
            var page = await store.ListPageAsync(layout.EntriesRoot, "/", token, pipeline, _timeout, cancellationToken).ConfigureAwait(false);
            foreach (var modelFolder in page.CommonPrefixes ?? [])
            {
                string model = modelFolder[layout.EntriesRoot.Length..].TrimEnd('/');
                await foreach (var item in store.ListAsync(S3Layout.DayFolder(modelFolder, day), pipeline, _timeout, cancellationToken).ConfigureAwait(false))
                {
                    if (item.Key.EndsWith(".json", StringComparison.Ordinal) && !item.Key.EndsWith(".metadata.json", StringComparison.Ordinal))
                    {
                        entries.Add((item.Key, model, item.Size ?? 0, item.LastModified));
                    }
                }
            }

            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (token is not null);

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("format", 1);
            writer.WriteString("date", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            writer.WriteString("generated_at", time.GetUtcNow().UtcDateTime);
            writer.WriteNumber("count", entries.Count);
            writer.WriteStartArray("entries");
            foreach (var (key, model, size, modified) in entries.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                writer.WriteStartObject();
                writer.WriteString("object_key", key);
                writer.WriteString("cache_id", Path.GetFileNameWithoutExtension(key));
                writer.WriteString("model", model);
                writer.WriteNumber("size", size);
                if (modified is { } m)
                {
                    writer.WriteString("last_modified", m.ToUniversalTime());
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        string manifest = layout.Manifest(day);
        await store.PutAsync(manifest, stream.ToArray(), null, pipeline, _timeout, cancellationToken).ConfigureAwait(false);
        S3Log.ManifestWritten(logger, manifest, entries.Count);
        return entries.Count;
    }
}
