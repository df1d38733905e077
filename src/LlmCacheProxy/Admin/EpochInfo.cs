namespace LlmCacheProxy.Admin;

/// <summary>An invalidation epoch: entries in <paramref name="Scope"/> created at or before <paramref name="Before"/> are dead.</summary>
internal sealed record EpochInfo(string Scope, DateTimeOffset Before)
{
    /// <summary>
    /// The epoch time for "everything up to <paramref name="time"/>": the end of its millisecond. SQLite keeps
    /// times in whole milliseconds (index rows, the persisted epoch) while entries keep ticks, so an epoch
    /// inside a millisecond would kill an entry in one tier and spare it in another, or revive it after a
    /// restart. Rounding up to the next whole millisecond makes every tier and every restart agree.
    /// </summary>
    public static DateTimeOffset EndOfMillisecond(DateTimeOffset time) =>
        DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds() + 1);
}
