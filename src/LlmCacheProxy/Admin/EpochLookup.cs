using LlmCacheProxy.Caching;

namespace LlmCacheProxy.Admin;

/// <summary>
/// Which epoch kills an entry known only by its index row (model, namespace, creation time), with the same
/// precedence as <see cref="InvalidationEpochs.FindKillingScope"/>: <c>*</c>, then model, then namespace.
/// </summary>
internal static class EpochLookup
{
    public static EpochInfo? Find(IReadOnlyDictionary<string, DateTimeOffset> epochs, string model, string ns, DateTimeOffset createdAt)
    {
        foreach (string scope in (string[])[InvalidationEpochs.AllScope, InvalidationEpochs.ModelScope(model), InvalidationEpochs.NamespaceScope(ns)])
        {
            if (epochs.TryGetValue(scope, out var before) && createdAt <= before)
            {
                return new EpochInfo(scope, before);
            }
        }

        return null;
    }
}
