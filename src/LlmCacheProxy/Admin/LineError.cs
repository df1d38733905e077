namespace LlmCacheProxy.Admin;

/// <summary>A line that was not imported: its number and why (never its content: it may hold a prompt).</summary>
internal sealed record LineError(int Line, string Error);
