using LlmCacheProxy.Caching;

namespace LlmCacheProxy.Tests.Infrastructure;

/// <summary>A tier in a dictionary that records what it was asked; <see cref="Broken"/> makes every call throw.</summary>
internal sealed class TestTier(string name, bool keepsRow = false) : ICacheTier
{
    private readonly Dictionary<string, CacheEntry> _entries = new(StringComparer.Ordinal);

    public string Name => name;

    public bool Broken { get; set; }

    public List<(string Key, CacheWriteKind Kind)> Staged { get; } = [];

    public List<string> Hits { get; } = [];

    public int Gets { get; private set; }

    public TierStats Stats => new(_entries.Count, null, 0, null);

    public void Put(CacheEntry entry) => _entries[entry.CacheKey] = entry;

    public ValueTask<CacheEntry?> GetAsync(string key, CancellationToken cancellationToken)
    {
        Gets++;
        ThrowIfBroken();
        return ValueTask.FromResult(_entries.GetValueOrDefault(key));
    }

    public void Stage(CacheEntry entry, CacheWriteKind kind, EntryWrite write)
    {
        ThrowIfBroken();
        Staged.Add((entry.CacheKey, kind));
        _entries[entry.CacheKey] = entry;
        if (keepsRow)
        {
            write.KeepRow();
        }
    }

    public ValueTask RemoveAsync(string key, CancellationToken cancellationToken)
    {
        ThrowIfBroken();
        _entries.Remove(key);
        return ValueTask.CompletedTask;
    }

    public ValueTask ClearAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        _entries.Clear();
        return ValueTask.CompletedTask;
    }

    public void RecordHit(string key, DateTimeOffset at) => Hits.Add(key);

    private void ThrowIfBroken()
    {
        if (Broken)
        {
            throw new IOException(name + " is broken on purpose");
        }
    }
}
