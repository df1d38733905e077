using System.Collections.Immutable;

namespace LlmCacheProxy.Caching;

/// <summary>
/// Invalidation as epochs, not scans (DESIGN.md section 7): per scope (<c>*</c>, <c>model:&lt;m&gt;</c>,
/// <c>ns:&lt;n&gt;</c>) a <c>before</c> time; an entry created at or before an epoch that covers it is dead.
/// Checking is two dictionary look-ups, so invalidating a model is one write whatever the cache holds.
/// Epochs only move forward: merging keeps the later time, so instances converge whatever the order.
/// </summary>
internal sealed class InvalidationEpochs
{
    public const string AllScope = "*";

    private ImmutableDictionary<string, DateTimeOffset> _epochs = ImmutableDictionary<string, DateTimeOffset>.Empty;

    /// <summary>Raised after a merge moved at least one epoch forward, with the scopes that changed.</summary>
    public event Action<IReadOnlyDictionary<string, DateTimeOffset>>? Changed;

    public static string ModelScope(string model) => "model:" + model;

    public static string NamespaceScope(string ns) => "ns:" + ns;

    public IReadOnlyDictionary<string, DateTimeOffset> Snapshot => _epochs;

    /// <summary>Returns the scope whose epoch kills the entry, or null when none does.</summary>
    public string? FindKillingScope(CacheEntry entry)
    {
        var epochs = _epochs;
        if (epochs.IsEmpty)
        {
            return null;
        }

        if (Kills(epochs, AllScope, entry))
        {
            return AllScope;
        }

        string model = ModelScope(entry.Model);
        if (Kills(epochs, model, entry))
        {
            return model;
        }

        string ns = NamespaceScope(entry.Namespace);
        return Kills(epochs, ns, entry) ? ns : null;
    }

    public bool IsInvalidated(CacheEntry entry) => FindKillingScope(entry) is not null;

    /// <summary>Moves epochs forward (never back). Returns the scopes that changed.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> Merge(IEnumerable<KeyValuePair<string, DateTimeOffset>> epochs)
    {
        var changed = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        ImmutableInterlocked.Update(ref _epochs, current =>
        {
            changed.Clear();
            var builder = current.ToBuilder();
            foreach (var (scope, before) in epochs)
            {
                if (!builder.TryGetValue(scope, out var existing) || existing < before)
                {
                    builder[scope] = before;
                    changed[scope] = before;
                }
            }

            return changed.Count == 0 ? current : builder.ToImmutable();
        });

        if (changed.Count > 0)
        {
            Changed?.Invoke(changed);
        }

        return changed;
    }

    public IReadOnlyDictionary<string, DateTimeOffset> Set(string scope, DateTimeOffset before) =>
        Merge([new KeyValuePair<string, DateTimeOffset>(scope, before)]);

    private static bool Kills(ImmutableDictionary<string, DateTimeOffset> epochs, string scope, CacheEntry entry) =>
        epochs.TryGetValue(scope, out var before) && entry.CreatedAt <= before;
}
