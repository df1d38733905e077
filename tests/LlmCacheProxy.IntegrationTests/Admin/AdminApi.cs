using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using LlmCacheProxy.IntegrationTests.Infrastructure;

namespace LlmCacheProxy.IntegrationTests.Admin;

/// <summary>Admin calls against a running proxy, with the admin token the tests configure.</summary>
internal static class AdminApi
{
    public const string Token = "adm-token-5f2c9e71b0d4";

    public static Dictionary<string, string?> Settings(params (string Key, string? Value)[] extra)
    {
        var settings = new Dictionary<string, string?> { ["Admin:Token"] = Token };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    public static async Task<(HttpResponseMessage Response, JsonElement Json)> SendAsync(
        this ProxyInstance proxy, HttpMethod method, string path, string? body = null, string? token = Token,
        IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var response = await proxy.Http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response, json);
    }

    public static Task<(HttpResponseMessage Response, JsonElement Json)> InvalidateAsync(this ProxyInstance proxy, object body) =>
        proxy.SendAsync(HttpMethod.Post, "admin/cache/invalidate", JsonSerializer.Serialize(body));

    public static async Task<JsonElement> ExplainAsync(
        this ProxyInstance proxy, string chatBody, string? clientKey = ChatRequests.DefaultKey, string? ns = null)
    {
        var headers = new Dictionary<string, string>();
        if (clientKey is not null)
        {
            headers["X-Client-Authorization"] = "Bearer " + clientKey;
        }

        if (ns is not null)
        {
            headers["X-Cache-Namespace"] = ns;
        }

        var (response, json) = await proxy.SendAsync(HttpMethod.Post, "admin/cache/explain", chatBody, headers: headers);
        response.EnsureSuccessStatusCode();
        return json;
    }

    /// <summary>Sends a chat request with extra headers (cache controls, namespace).</summary>
    public static async Task<HttpResponseMessage> ChatAsync(
        this ProxyInstance proxy, string body, string? apiKey = ChatRequests.DefaultKey, params (string Name, string Value)[] headers)
    {
        using var request = ChatRequests.Post(body, apiKey);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await proxy.Http.SendAsync(request);
    }

    public static string Str(this JsonElement json, string name) => json.GetProperty(name).GetString() ?? "";
}
