using System.Text;
using LlmCacheProxy.Keys;

namespace LlmCacheProxy.Tests.Keys;

internal static class KeyTestHelper
{
    public const string Route = "/v1/chat/completions";

    public static KeyScope Scope(string route = Route, string partition = "", string? query = null, params (string Name, string Value)[] vary) =>
        KeyScope.Create(route, query, partition, vary.Select(h => KeyValuePair.Create(h.Name, h.Value)).ToArray());

    public static CacheKey Build(string json, KeySettings? settings = null, string route = Route, string partition = "") =>
        Build(json, Scope(route, partition), settings);

    public static CacheKey Build(string json, KeyScope scope, KeySettings? settings = null)
    {
        var builder = new ChatKeyBuilder(settings ?? KeySettings.Default);
        Assert.True(builder.TryBuild(Encoding.UTF8.GetBytes(json), scope, out var key), "body should be cacheable");
        return key;
    }

    public static bool IsCacheable(string json, KeySettings? settings = null) =>
        new ChatKeyBuilder(settings ?? KeySettings.Default).TryBuild(Encoding.UTF8.GetBytes(json), Scope(), out _);

    public static string Hash(string json, KeySettings? settings = null, string route = Route, string partition = "") =>
        Build(json, settings, route, partition).Hash;

    public static string Canonical(string json, KeySettings? settings = null) =>
        Encoding.UTF8.GetString(Build(json, settings).CanonicalJson);

    public static CacheKey BuildResponses(string json, KeySettings? settings = null, KeyScope? scope = null)
    {
        var builder = new ResponsesKeyBuilder(settings ?? KeySettings.Default);
        Assert.True(builder.TryBuild(Encoding.UTF8.GetBytes(json), scope ?? Scope("/v1/responses"), out var key), "body should be cacheable");
        return key;
    }

    public static bool IsCacheableResponses(string json, KeySettings? settings = null) =>
        new ResponsesKeyBuilder(settings ?? KeySettings.Default).TryBuild(Encoding.UTF8.GetBytes(json), Scope("/v1/responses"), out _);

    public static CacheKey BuildCompletions(string json, KeySettings? settings = null, KeyScope? scope = null)
    {
        var builder = new CompletionsKeyBuilder(settings ?? KeySettings.Default);
        Assert.True(builder.TryBuild(Encoding.UTF8.GetBytes(json), scope ?? Scope("/v1/completions"), out var key), "body should be cacheable");
        return key;
    }

    public static bool IsCacheableCompletions(string json, KeySettings? settings = null) =>
        new CompletionsKeyBuilder(settings ?? KeySettings.Default).TryBuild(Encoding.UTF8.GetBytes(json), Scope("/v1/completions"), out _);

    public static EmbeddingsRequest ParseEmbeddings(string json, KeySettings? settings = null, KeyScope? scope = null)
    {
        var builder = new EmbeddingsKeyBuilder(settings ?? KeySettings.Default);
        Assert.True(builder.TryParse(Encoding.UTF8.GetBytes(json), scope ?? Scope("/v1/embeddings"), out var request), "body should be cacheable");
        return request;
    }

    public static bool IsCacheableEmbeddings(string json, KeySettings? settings = null) =>
        new EmbeddingsKeyBuilder(settings ?? KeySettings.Default).TryParse(Encoding.UTF8.GetBytes(json), Scope("/v1/embeddings"), out _);

    public static string Text(byte[] utf8) => Encoding.UTF8.GetString(utf8);

    public static KeySettings WithMode(NormalizationMode mode) => KeySettings.Default with { Normalization = mode };

    public static string UserMessage(string contentJson, string model = "gpt-4o") =>
        $$"""{"model":"{{model}}","messages":[{"role":"user","content":{{contentJson}}}]}""";

    public static string WithParams(string paramsJson) =>
        $$"""{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}]{{(paramsJson.Length > 0 ? "," : "")}}{{paramsJson}}}""";
}
