namespace LlmCacheProxy.Keys;

/// <summary>The <c>endpoint</c> member of a key: which API the body is for, so bodies alike never meet across APIs.</summary>
internal static class KeyEndpoint
{
    public const string ChatCompletions = "chat.completions";
    public const string Responses = "responses";
    public const string Embeddings = "embeddings";
    public const string Completions = "completions";
}
