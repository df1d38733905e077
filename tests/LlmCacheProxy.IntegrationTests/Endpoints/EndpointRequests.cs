using System.Net.Http.Headers;
using System.Text;
using LlmCacheProxy.IntegrationTests.Infrastructure;

namespace LlmCacheProxy.IntegrationTests.Endpoints;

/// <summary>Raw HTTP to any cacheable route: bodies the SDKs do not send, headers, whole event streams.</summary>
internal static class EndpointRequests
{
    public static HttpRequestMessage Post(string path, string body, string? apiKey = ChatRequests.DefaultKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path.TrimStart('/'))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return request;
    }

    /// <summary>Sends and reads the whole answer.</summary>
    public static async Task<(HttpResponseMessage Response, string Body)> PostAsync(this HttpClient http, string path, string body)
    {
        using var request = Post(path, body);
        var response = await http.SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Sends a stream request; returns the response and its events as (event name or null, data).</summary>
    public static async Task<(HttpResponseMessage Response, List<(string? Event, string Data)> Events)> StreamAsync(
        this HttpClient http, string path, string body)
    {
        using var request = Post(path, body);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var events = new List<(string? Event, string Data)>();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        string? name = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                events.Add((name, line["data: ".Length..]));
                name = null;
            }
        }

        return (response, events);
    }
}
