using System.ClientModel;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace LlmCacheProxy.IntegrationTests.Infrastructure;

/// <summary>Raw HTTP helpers for what the SDK cannot express (bad bodies, raw headers, streams), and header reads.</summary>
internal static class ChatRequests
{
    public const string DefaultKey = "sk-test-caller-a";

    public static string Body(string content, string model = "gpt-4o-mini", double? temperature = null, bool stream = false)
    {
        var body = new Dictionary<string, object?>
        {
            ["model"] = model,
            ["messages"] = new[] { new Dictionary<string, string> { ["role"] = "user", ["content"] = content } },
        };
        if (temperature is not null)
        {
            body["temperature"] = temperature;
        }

        if (stream)
        {
            body["stream"] = true;
        }

        return JsonSerializer.Serialize(body);
    }

    public static HttpRequestMessage Post(string body, string? apiKey = DefaultKey, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
        {
            Content = new StringContent(body, Encoding.UTF8, contentType),
        };
        if (apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return request;
    }

    public static async Task<HttpResponseMessage> SendAsync(this HttpClient http, string body, string? apiKey = DefaultKey)
    {
        using var request = Post(body, apiKey);
        return await http.SendAsync(request);
    }

    public static string? Header(this HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    /// <summary>A response header of an SDK call; empty when absent.</summary>
    public static string Header(this ClientResult result, string name) =>
        result.GetRawResponse().Headers.TryGetValue(name, out var value) ? value! : "";
}
