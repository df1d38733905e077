using System.Collections.Immutable;

namespace LlmCacheProxy.Caching;

/// <summary>
/// Invalidation as epochs, not scans: per scope (<c>*</c>, <c>model:&lt;m&gt;</c>,
/// <c>ns:&lt;n&gt;</c>) a <c>before</c> time; an entry created at or before an epoch that covers it is dead.
/// Checking is three dictionary look-ups on raw names (no scope string is built per check), so invalidating a model
/// is one write whatever the cache holds.
/// Epochs only move forward: merging keeps the later time, so instances converge whatever the order.
/// </summary>
internal sealed class InvalidationEpochs
{
    public const string AllScope = "*";

    private const string ModelPrefix = "model:";
    private const string NamespacePrefix = "ns:";

    private readonly Lock _gate = new();
    private State _state = State.Empty;

    /// <summary>Raised after a merge moved at least one epoch forward, with the scopes that changed.</summary>
    public event Action<IReadOnlyDictionary<string, DateTimeOffset>>? Changed;

    public static string ModelScope(string model) => ModelPrefix + model;

    public static string NamespaceScope(string ns) => NamespacePrefix + ns;

    public IReadOnlyDictionary<string, DateTimeOffset> Snapshot => Volatile.Read(ref _state).Scopes;

    /// <summary>
    /// The epoch that kills what was created at <paramref name="createdAt"/> for this model and namespace, or null.
    /// Precedence when several do: <c>*</c>, then the model, then the namespace.
    /// </summary>
    public (string Scope, DateTimeOffset Before)? FindKillingEpoch(string model, string ns, DateTimeOffset createdAt)
    {
        var state = Volatile.Read(ref _state);
        if (state.Scopes.IsEmpty)
        {
            return null;
        }

        if (state.All is { } all && createdAt <= all)
        {
            return (AllScope, all);
        }

        if (state.ByModel.TryGetValue(model, out var byModel) && createdAt <= byModel)
        {
            return (ModelScope(model), byModel);
        }

        return state.ByNamespace.TryGetValue(ns, out var byNs) && createdAt <= byNs ? (NamespaceScope(ns), byNs) : null;
    }

    /// <summary>Returns the scope whose epoch kills the entry, or null when none does.</summary>
    public string? FindKillingScope(CacheEntry entry) => FindKillingEpoch(entry.Model, entry.Namespace, entry.CreatedAt)?.Scope;

    public bool IsInvalidated(CacheEntry entry) => FindKillingEpoch(entry.Model, entry.Namespace, entry.CreatedAt) is not null;

    /// <summary>Moves epochs forward (never back). Returns the scopes that changed.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> Merge(IEnumerable<KeyValuePair<string, DateTimeOffset>> epochs)
    {
        var changed = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        lock (_gate)
        {
            var builder = _state.Scopes.ToBuilder();
            foreach (var (scope, before) in epochs)
            {
                if (!builder.TryGetValue(scope, out var existing) || existing < before)
                {
                    builder[scope] = before;
                    changed[scope] = before;
                }
            }

            if (changed.Count > 0)
            {
                Volatile.Write(ref _state, State.From(builder.ToImmutable()));
            }
        }

        if (changed.Count > 0)
        {
            Changed?.Invoke(changed);
        }

        return changed;
    }

    public IReadOnlyDictionary<string, DateTimeOffset> Set(string scope, DateTimeOffset before) =>
        Merge([new KeyValuePair<string, DateTimeOffset>(scope, before)]);

    /// <summary>The scopes as stored and shared, plus lookups by raw model and namespace derived from them on merge.</summary>
    private sealed record State(
        ImmutableDictionary<string, DateTimeOffset> Scopes,
        DateTimeOffset? All,
        Dictionary<string, DateTimeOffset> ByModel,
        Dictionary<string, DateTimeOffset> ByNamespace)
    {
        public static readonly State Empty = From(ImmutableDictionary<string, DateTimeOffset>.Empty);

        public static State From(ImmutableDictionary<string, DateTimeOffset> scopes)
        {
            DateTimeOffset? all = null;
            var byModel = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            var byNamespace = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            foreach (var (scope, before) in scopes)
            {
                if (scope == AllScope)
                {
                    all = before;
                }
                else if (scope.StartsWith(ModelPrefix, StringComparison.Ordinal))
                {
                    byModel[scope[ModelPrefix.Length..]] = before;
                }
                else if (scope.StartsWith(NamespacePrefix, StringComparison.Ordinal))
                {
                    byNamespace[scope[NamespacePrefix.Length..]] = before;
                }
            }

            return new State(scopes, all, byModel, byNamespace);
        }
    }
}
