namespace LlmCacheProxy.Admin;

/// <summary>One line of a JSONL file: its 1-based number, byte offset, bytes (no line break), or that it was too long.</summary>
internal sealed record JsonlLine(int Number, long Offset, byte[] Bytes, bool TooLong);
