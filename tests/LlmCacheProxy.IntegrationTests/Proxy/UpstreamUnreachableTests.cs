using System.ClientModel;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using LlmCacheProxy.IntegrationTests.Infrastructure;
using OpenAI.Chat;

namespace LlmCacheProxy.IntegrationTests.Proxy;

/// <summary>No answer at all from upstream: a 502 in OpenAI's error shape that SDKs show, naming the host.</summary>
public sealed class UpstreamUnreachableTests
{
    [Fact]
    public async Task NobodyListensOnUpstreamPort_SdkChat_Gets502SayingTheConnectionWasRefused()
    {
        int port = ClosedPort();
        using var dir = new TestDirectory();
        await using var proxy = await ProxyInstance.StartAsync(new Uri($"http://127.0.0.1:{port}/"), dir.SqlitePath);

        var error = await Assert.ThrowsAsync<ClientResultException>(() => proxy.ChatClient().CompleteChatAsync([new UserChatMessage("anyone there?")]));

        Assert.Equal(502, error.Status);
        Assert.Contains($"The proxy could not reach the upstream 127.0.0.1:{port}: the connection was refused", error.Message);
    }

    [Fact]
    public async Task UpstreamHostDoesNotResolve_SdkChat_Gets502SayingDnsFailed()
    {
        using var dir = new TestDirectory();
        await using var proxy = await ProxyInstance.StartAsync(new Uri("http://llmcache-upstream.invalid/"), dir.SqlitePath);

        var error = await Assert.ThrowsAsync<ClientResultException>(() => proxy.ChatClient().CompleteChatAsync([new UserChatMessage("anyone there?")]));

        Assert.Equal(502, error.Status);
        Assert.Contains("The proxy could not reach the upstream llmcache-upstream.invalid: its host name did not resolve (DNS)", error.Message);
    }

    [Fact]
    public async Task UpstreamUnreachable_PassThroughRoute_AnswersOpenAiErrorShapeWithoutThePath()
    {
        int port = ClosedPort();
        using var dir = new TestDirectory();
        await using var proxy = await ProxyInstance.StartAsync(new Uri($"http://127.0.0.1:{port}/"), dir.SqlitePath);

        using var response = await proxy.Http.GetAsync("v1/files/file-secret-path-123?api-key=sk-in-query");
        string text = await response.Content.ReadAsStringAsync();
        using var body = JsonDocument.Parse(text);
        var error = body.RootElement.GetProperty("error");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("upstream_error", error.GetProperty("type").GetString());
        Assert.Equal("upstream_unreachable", error.GetProperty("code").GetString());
        Assert.DoesNotContain("file-secret-path-123", text);
        Assert.DoesNotContain("sk-in-query", text);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
