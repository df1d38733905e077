namespace LlmCacheProxy.Admin;

/// <summary>Set on an <c>/admin</c> request whose query carried a token (redacted before logging): the request is refused.</summary>
internal sealed class RedactedQueryFeature
{
    public static readonly RedactedQueryFeature Instance = new();
}
