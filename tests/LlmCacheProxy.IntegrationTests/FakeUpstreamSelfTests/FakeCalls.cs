using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text;
using FakeUpstream;
using OpenAI;

namespace LlmCacheProxy.IntegrationTests.FakeUpstreamSelfTests;

/// <summary>Direct calls to the fake upstream (no proxy): SDK options pointed at it, raw posts, raw SSE frames.</summary>
internal static class FakeCalls
{
    public static readonly ApiKeyCredential Key = new("sk-fake-self-test");

    public static T NoRetries<T>(T options) where T : ClientPipelineOptions
    {
        // A 5xx must reach the test as it is, not be retried into a different count.
        options.RetryPolicy = new ClientRetryPolicy(maxRetries: 0);
        options.NetworkTimeout = TimeSpan.FromSeconds(30);
        return options;
    }

    public static OpenAIClientOptions OpenAiOptions(FakeOpenAiServer fake) =>
        NoRetries(new OpenAIClientOptions { Endpoint = V1(fake) });

    public static Uri V1(FakeOpenAiServer fake) => new(fake.BaseAddress, "v1");

    public static HttpClient Http(FakeOpenAiServer fake) =>
        new() { BaseAddress = fake.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public static async Task<HttpResponseMessage> PostAsync(HttpClient http, string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await http.PostAsync(path, content);
    }

    /// <summary>Posts and reads the whole answer as SSE frames (blank-line separated; comments ignored).</summary>
    public static async Task<(HttpResponseMessage Response, List<SseFrame> Frames)> PostSseAsync(HttpClient http, string path, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var frames = new List<SseFrame>();
        string? type = null;
        var data = new List<string>();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Length == 0)
            {
                if (type is not null || data.Count > 0)
                {
                    frames.Add(new SseFrame(type, data));
                }

                (type, data) = (null, []);
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data.Add(line["data: ".Length..]);
            }
        }

        return (response, frames);
    }
}
