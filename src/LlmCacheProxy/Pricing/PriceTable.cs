using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Pricing;

/// <summary>
/// Prices per model from the price file, reloaded when its modification time changes (checked at most every
/// <see cref="PricingOptions.ReloadCheckSeconds"/>, on lookup: no watcher thread, works on any file system).
/// A file that fails to parse keeps the previous table. Unknown models have no price: never guessed.
/// </summary>
internal sealed class PriceTable
{
    private readonly string _path;
    private readonly TimeSpan _checkEvery;
    private readonly TimeProvider _time;
    private readonly ILogger<PriceTable> _logger;
    private readonly Lock _reloadLock = new();
    private volatile Snapshot _current = Snapshot.Empty;
    private long _nextCheckTicks;

    public PriceTable(IOptions<PricingOptions> options, TimeProvider time, ILogger<PriceTable> logger)
    {
        _path = options.Value.ResolvedPath;
        _checkEvery = TimeSpan.FromSeconds(Math.Max(0, options.Value.ReloadCheckSeconds));
        _time = time;
        _logger = logger;
        Reload();
    }

    public string Path => _path;

    public int Count => _current.Exact.Count + _current.Prefixes.Count;

    /// <summary>
    /// Exact name first, then the longest matching prefix. A provider-qualified name (<c>openai/gpt-4o</c>)
    /// that matches nothing is tried again without its provider part.
    /// </summary>
    public bool TryGet(string model, out ModelPrice price)
    {
        ReloadIfChanged();
        var snapshot = _current;
        string name = model.Trim().ToLowerInvariant();
        if (snapshot.TryMatch(name, out price))
        {
            return true;
        }

        int slash = name.LastIndexOf('/');
        return slash >= 0 && snapshot.TryMatch(name[(slash + 1)..], out price);
    }

    private void ReloadIfChanged()
    {
        long now = _time.GetUtcNow().UtcTicks;
        if (now < Interlocked.Read(ref _nextCheckTicks))
        {
            return;
        }

        Interlocked.Exchange(ref _nextCheckTicks, now + _checkEvery.Ticks);
        DateTime written = File.Exists(_path) ? File.GetLastWriteTimeUtc(_path) : DateTime.MinValue;
        if (written != _current.WrittenAt)
        {
            Reload();
        }
    }

    private void Reload()
    {
        lock (_reloadLock)
        {
            if (!File.Exists(_path))
            {
                PricingLog.FileMissing(_logger, _path);
                _current = Snapshot.Empty;
                return;
            }

            DateTime written = File.GetLastWriteTimeUtc(_path);
            try
            {
                var (exact, prefixes) = PriceTableParser.Parse(File.ReadAllBytes(_path));
                _current = new Snapshot(exact, prefixes, written);
                PricingLog.Loaded(_logger, _path, exact.Count + prefixes.Count);
            }
            catch (Exception e) when (e is IOException or FormatException or System.Text.Json.JsonException or UnauthorizedAccessException)
            {
                // Keep the last good table; remember the time so a broken file is not re-read on every lookup.
                _current = _current with { WrittenAt = written };
                PricingLog.LoadFailed(_logger, _path, e);
            }
        }
    }

    private sealed record Snapshot(
        Dictionary<string, ModelPrice> Exact, List<KeyValuePair<string, ModelPrice>> Prefixes, DateTime WrittenAt)
    {
        public static readonly Snapshot Empty = new(new(StringComparer.OrdinalIgnoreCase), [], DateTime.MinValue);

        public bool TryMatch(string name, out ModelPrice price)
        {
            if (Exact.TryGetValue(name, out price!))
            {
                return true;
            }

            foreach (var (prefix, candidate) in Prefixes)
            {
                if (name.StartsWith(prefix, StringComparison.Ordinal))
                {
                    price = candidate;
                    return true;
                }
            }

            price = null!;
            return false;
        }
    }
}
