using LlmCacheProxy.Storage;

namespace LlmCacheProxy.Caching;

/// <summary>
/// Keeps <see cref="InvalidationEpochs"/> in the database: loaded at start (before the first request), and every
/// epoch that moves forward (set locally or merged from another instance) written back through the writer.
/// </summary>
internal sealed class EpochPersistence(InvalidationEpochs epochs, EpochStore store)
{
    private int _loaded;

    public void Load()
    {
        if (Interlocked.Exchange(ref _loaded, 1) == 1)
        {
            return;
        }

        epochs.Merge(store.LoadAll());
        epochs.Changed += changed =>
        {
            foreach (var (scope, before) in changed)
            {
                store.Save(scope, before);
            }
        };
        // A file made afresh while running holds no epoch: write back the ones in force, or a restart would forget them.
        store.Database.Recreated += () =>
        {
            foreach (var (scope, before) in epochs.Snapshot)
            {
                store.Save(scope, before);
            }
        };
    }
}
