namespace LlmCacheProxy.Admin;

/// <summary>
/// What an invalidation did (or, for a dry run, would do). <paramref name="Dead"/> is counted from the SQLite
/// index; <paramref name="Epoch"/> is the epoch written (model, namespace, age) or null (key, pattern).
/// </summary>
internal sealed record InvalidateResult(bool DryRun, long Dead, EpochInfo? Epoch, string Selector);
