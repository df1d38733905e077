namespace LlmCacheProxy.Admin;

/// <summary>
/// How far an export or import is: <see cref="Done"/> of <see cref="Total"/> (entries for an export, bytes of the file
/// for an import; Total 0 when unknown), and what became of the lines so far.
/// </summary>
internal readonly record struct TransferProgress(long Done, long Total, long Stored, long Skipped, long Failed)
{
    public long Lines => Stored + Skipped + Failed;
}
