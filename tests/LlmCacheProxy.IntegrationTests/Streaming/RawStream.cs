using LlmCacheProxy.Caching;
using LlmCacheProxy.IntegrationTests.Infrastructure;
using LlmCacheProxy.Proxy;
using LlmCacheProxy.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCacheProxy.IntegrationTests.Streaming;

/// <summary>Raw HTTP stream requests (headers, exact events) and checks of what the proxy stored.</summary>
internal static class RawStream
{
    public static string Body(string content, bool includeUsage) =>
        includeUsage
            ? $$$"""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"{{{content}}}"}],"stream":true,"stream_options":{"include_usage":true}}"""
            : ChatRequests.Body(content, stream: true);

    /// <summary>Sends a request and reads the whole answer; returns the response and its <c>data:</c> payloads.</summary>
    public static async Task<(HttpResponseMessage Response, List<string> Data)> SendAsync(HttpClient http, string body)
    {
        using var request = ChatRequests.Post(body);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var data = new List<string>();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data.Add(line["data: ".Length..]);
            }
        }

        return (response, data);
    }

    /// <summary>Rows in SQLite's <c>entries</c> table once every queued write is committed.</summary>
    public static async Task<long> StoredEntriesAsync(ProxyTestContext ctx)
    {
        await ctx.Proxy.FlushAsync();
        using var connection = ctx.Proxy.Services.GetRequiredService<SqliteDatabase>().OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM entries";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Polls (up to 10 s) until the proxy has no upstream call in flight.</summary>
    public static async Task WaitForNoFlightAsync(ProxyTestContext ctx)
    {
        var flights = ctx.Proxy.Services.GetRequiredService<SingleFlight>();
        await Poll.UntilAsync(() => flights.InFlight == 0, TimeSpan.FromSeconds(10));
        Assert.Equal(0, flights.InFlight);
    }
}
