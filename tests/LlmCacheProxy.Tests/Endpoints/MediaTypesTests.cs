using LlmCacheProxy.Endpoints;

namespace LlmCacheProxy.Tests.Endpoints;

public sealed class MediaTypesTests
{
    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON ;charset=UTF-8")]
    public void IsJson_JsonWithOrWithoutParameters_True(string contentType) =>
        Assert.True(MediaTypes.IsJson(contentType));

    [Theory]
    [InlineData("application/json-seq")]
    [InlineData("application/jsonl")]
    [InlineData("application/json+x")]
    [InlineData("text/json")]
    [InlineData("")]
    [InlineData(null)]
    public void IsJson_OtherMediaTypes_False(string? contentType) =>
        Assert.False(MediaTypes.IsJson(contentType));

    [Theory]
    [InlineData("text/event-stream", true)]
    [InlineData("text/event-stream; charset=utf-8", true)]
    [InlineData("text/event-streams", false)]
    public void IsEventStream_MatchesTheMediaTypeOnly(string contentType, bool expected) =>
        Assert.Equal(expected, MediaTypes.IsEventStream(contentType));
}
