using System.Text;
using LlmCacheProxy.Keys;

namespace LlmCacheProxy.Tests.Keys;

internal static class KeyTestHelper
{
    public const string Route = "/v1/chat/completions";

    public static CacheKey Build(string json, KeySettings? settings = null, string route = Route, string partition = "")
    {
        var builder = new CacheKeyBuilder(settings ?? KeySettings.Default);
        Assert.True(builder.TryBuild(Encoding.UTF8.GetBytes(json), route, partition, out var key), "body should be cacheable");
        return key;
    }

    public static string Hash(string json, KeySettings? settings = null, string route = Route, string partition = "") =>
        Build(json, settings, route, partition).Hash;

    public static string Canonical(string json, KeySettings? settings = null) =>
        Encoding.UTF8.GetString(Build(json, settings).CanonicalJson);

    public static KeySettings WithMode(NormalizationMode mode) => KeySettings.Default with { Normalization = mode };

    public static string UserMessage(string contentJson, string model = "gpt-4o") =>
        $$"""{"model":"{{model}}","messages":[{"role":"user","content":{{contentJson}}}]}""";

    public static string WithParams(string paramsJson) =>
        $$"""{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}]{{(paramsJson.Length > 0 ? "," : "")}}{{paramsJson}}}""";
}
