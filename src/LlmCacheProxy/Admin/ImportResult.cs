namespace LlmCacheProxy.Admin;

/// <summary>
/// What an import did: entries stored, already stored (skipped under resume), skipped on purpose (expired, a batch
/// answer that was not a 200), failed lines (the first <see cref="CacheImporter.MaxReportedErrors"/> with their
/// numbers; <see cref="FailedCount"/> counts them all).
/// </summary>
internal sealed record ImportResult(long Imported, long AlreadyStored, long Skipped, long FailedCount, IReadOnlyList<LineError> Failed);
