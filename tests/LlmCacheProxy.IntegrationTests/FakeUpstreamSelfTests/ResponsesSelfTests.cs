// The Responses client of the OpenAI .NET SDK 2.15 is marked experimental; these tests exist to exercise it.
#pragma warning disable OPENAI001

using System.ClientModel;
using System.Text.Json;
using FakeUpstream;
using OpenAI.Responses;

namespace LlmCacheProxy.IntegrationTests.FakeUpstreamSelfTests;

/// <summary>The fake's POST /v1/responses JSON answers, parsed by the official SDK's ResponsesClient.</summary>
public sealed class ResponsesSelfTests
{
    internal static ResponsesClient Client(FakeOpenAiServer fake) =>
        new(FakeCalls.Key, FakeCalls.NoRetries(new ResponsesClientOptions { Endpoint = FakeCalls.V1(fake) }));

    [Fact]
    public async Task CreateResponse_UserText_SdkReadsEchoStatusAndUsage()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();

        ResponseResult response = await Client(fake).CreateResponseAsync("gpt-4o-mini", "hello responses");

        Assert.StartsWith("resp_", response.Id, StringComparison.Ordinal);
        Assert.Equal(ResponseStatus.Completed, response.Status);
        Assert.Equal("echo: hello responses", response.GetOutputText());
        Assert.Equal(7, response.Usage.InputTokenCount);
        Assert.Equal(3, response.Usage.OutputTokenCount);
        Assert.Equal(10, response.Usage.TotalTokenCount);
        Assert.Equal(0, response.Usage.InputTokenDetails.CachedTokenCount);
        Assert.Equal(1, fake.ResponsesCalls);
    }

    [Fact]
    public async Task CreateResponse_CachedDirective_ReportsCachedInputTokens()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();

        ResponseResult response = await Client(fake).CreateResponseAsync("gpt-4o-mini", "a b c [[cached=4]]");

        Assert.Equal(4, response.Usage.InputTokenDetails.CachedTokenCount);
    }

    [Fact]
    public async Task CreateResponse_ToolDirective_SdkReadsFunctionCallWithArguments()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();

        ResponseResult response = await Client(fake).CreateResponseAsync("gpt-4o-mini", "weather? [[tool]]");

        var call = Assert.IsType<FunctionCallResponseItem>(Assert.Single(response.OutputItems));
        Assert.Equal("get_weather", call.FunctionName);
        Assert.Equal("call_fake1", call.CallId);
        Assert.Equal("Paris", JsonDocument.Parse(call.FunctionArguments).RootElement.GetProperty("city").GetString());
    }

    [Fact]
    public async Task CreateResponse_ReasoningDirective_SdkReadsSummaryBeforeMessage()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();

        ResponseResult response = await Client(fake).CreateResponseAsync("gpt-4o-mini", "think [[reasoning]]");

        Assert.Equal(2, response.OutputItems.Count);
        var reasoning = Assert.IsType<ReasoningResponseItem>(response.OutputItems[0]);
        Assert.Equal("thinking about: think [[reasoning]]", reasoning.GetSummaryText());
        Assert.Equal("echo: think [[reasoning]]", response.GetOutputText());
        Assert.Equal(4, response.Usage.OutputTokenDetails.ReasoningTokenCount);
    }

    [Fact]
    public async Task CreateResponse_Background_IsQueuedWithoutOutputOrUsage()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();
        var options = new CreateResponseOptions("gpt-4o-mini", [ResponseItem.CreateUserMessageItem("later")])
        {
            BackgroundModeEnabled = true,
        };

        ResponseResult response = await Client(fake).CreateResponseAsync(options);

        Assert.Equal(ResponseStatus.Queued, response.Status);
        Assert.True(response.BackgroundModeEnabled);
        Assert.Empty(response.OutputItems);
        Assert.Null(response.Usage);
    }

    [Fact]
    public async Task CreateResponse_StatusDirective_SdkThrowsWithThatStatus()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();

        var error = await Assert.ThrowsAsync<ClientResultException>(
            () => Client(fake).CreateResponseAsync("gpt-4o-mini", "fail [[status=500]]"));

        Assert.Equal(500, error.Status);
        Assert.Equal(1, fake.ResponsesCalls);
    }

    [Fact]
    public async Task StringInput_RawHttp_EchoesTheString()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();
        using var http = FakeCalls.Http(fake);

        using var response = await FakeCalls.PostAsync(http, "v1/responses", """{"model":"gpt-4o","input":"plain string"}""");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var output = json.RootElement.GetProperty("output")[0];
        Assert.Equal("response", json.RootElement.GetProperty("object").GetString());
        Assert.Equal("message", output.GetProperty("type").GetString());
        Assert.Equal("echo: plain string", output.GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task InputItems_LastUserMessageIsEchoed()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();
        ResponseItem[] items =
        [
            ResponseItem.CreateUserMessageItem("first question"),
            ResponseItem.CreateAssistantMessageItem("first answer"),
            ResponseItem.CreateUserMessageItem("second question"),
        ];

        ResponseResult response = await Client(fake).CreateResponseAsync("gpt-4o-mini", items);

        Assert.Equal("echo: second question", response.GetOutputText());
    }
}
