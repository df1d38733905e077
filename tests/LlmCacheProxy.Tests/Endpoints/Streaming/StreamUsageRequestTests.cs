using System.Text;
using LlmCacheProxy.Endpoints.Streaming;

namespace LlmCacheProxy.Tests.Endpoints.Streaming;

public sealed class StreamUsageRequestTests
{
    private static string Rewrite(string body) =>
        Encoding.UTF8.GetString(Assert.IsType<byte[]>(StreamUsageRequest.AskForUsage(Encoding.UTF8.GetBytes(body))));

    [Fact]
    public void AskForUsage_NoStreamOptions_AddsTheMemberAndKeepsEveryOtherByte()
    {
        const string body = "{\"model\":\"gpt-4o\",\"temperature\":0.70,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"caf\\u00e9\"}]}";

        Assert.Equal(body[..^1] + ",\"stream_options\":{\"include_usage\":true}}", Rewrite(body));
    }

    [Fact]
    public void AskForUsage_OtherStreamOptions_MergesIncludeUsageIntoThem()
    {
        Assert.Equal("{\"stream\":true,\"stream_options\":{\"include_usage\":true,\"include_obfuscation\":false}}",
            Rewrite("{\"stream\":true,\"stream_options\":{\"include_obfuscation\":false}}"));
    }

    [Fact]
    public void AskForUsage_IncludeUsageFalse_SetsItTrue()
    {
        Assert.Equal("{\"stream_options\":{\"include_usage\":true},\"stream\":true}",
            Rewrite("{\"stream_options\":{\"include_usage\":false},\"stream\":true}"));
    }

    [Theory]
    [InlineData("{\"stream_options\":null}", "{\"stream_options\":{\"include_usage\":true}}")]
    [InlineData("{\"stream_options\":{}}", "{\"stream_options\":{\"include_usage\":true}}")]
    [InlineData("{}", "{\"stream_options\":{\"include_usage\":true}}")]
    public void AskForUsage_EmptyOrNullOptions_GetsIncludeUsage(string body, string expected) =>
        Assert.Equal(expected, Rewrite(body));

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("{\"a\":")]
    public void AskForUsage_NotAnObject_Null(string body) =>
        Assert.Null(StreamUsageRequest.AskForUsage(Encoding.UTF8.GetBytes(body)));
}
