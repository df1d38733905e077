using System.Text;
using LlmCacheProxy.Keys;

namespace LlmCacheProxy.Tests.Keys;

public sealed class ChatKeyBuilderRejectTests
{
    private readonly ChatKeyBuilder _builder = new(KeySettings.Default);

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}]""")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],}""")]
    [InlineData("""[{"model":"gpt-4o","messages":[]}]""")]
    [InlineData("\"gpt-4o\"")]
    [InlineData("""{"messages":[{"role":"user","content":"Hi"}]}""")]
    [InlineData("""{"model":null,"messages":[{"role":"user","content":"Hi"}]}""")]
    [InlineData("""{"model":4,"messages":[{"role":"user","content":"Hi"}]}""")]
    [InlineData("""{"model":"gpt-4o"}""")]
    [InlineData("""{"model":"gpt-4o","messages":{"role":"user","content":"Hi"}}""")]
    [InlineData("""{"model":"gpt-4o","messages":"Hi"}""")]
    [InlineData("""{"model":"gpt-4o","messages":["Hi"]}""")]
    [InlineData("""{"model":"gpt-4o","messages":[{"content":"Hi"}]}""")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":1,"content":"Hi"}]}""")]
    [InlineData("""{"model":"gpt-4o","model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}]}""")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"Hi","content":"Ho"}]}""")]
    [InlineData("""{"model":"gpt-4o","\u006dodel":"x","messages":[{"role":"user","content":"Hi"}]}""")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],"temperature":1e400}""")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],"x":[-1e400]}""")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],"temperature":"0.5"}""")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],"temperature":true}""")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],"temperature":[1]}""")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],"max_tokens":"5","max_completion_tokens":5}""")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],"max_tokens":5,"max_completion_tokens":"5"}""")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],"max_tokens":5,"max_completion_tokens":1e400}""")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"\ud800"}]}""")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],"x":["\udc00"]}""")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],"\ud800":1}""")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}]} // comment""")]
    public void TryBuild_NotCacheableBody_ReturnsFalse(string body)
    {
        var ok = _builder.TryBuild(Encoding.UTF8.GetBytes(body), KeyTestHelper.Scope(), out var key);

        Assert.False(ok);
        Assert.Null(key);
    }

    [Fact]
    public void TryBuild_InvalidUtf8_ReturnsFalse()
    {
        var body = Encoding.UTF8.GetBytes("""{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}]}""");
        body[body.Length - 6] = 0xFF;

        Assert.False(_builder.TryBuild(body, KeyTestHelper.Scope(), out _));
    }

    [Fact]
    public void TryBuild_Nesting1000_ReturnsFalse()
    {
        var body = """{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],"x":""" + new string('[', 1000) + new string(']', 1000) + "}";

        Assert.False(_builder.TryBuild(Encoding.UTF8.GetBytes(body), KeyTestHelper.Scope(), out _));
    }

    [Fact]
    public void TryBuild_Nesting64_Accepted()
    {
        // Root object, then the "x" array, then 62 more arrays: depth 64.
        var body = """{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],"x":""" + new string('[', 63) + new string(']', 63) + "}";

        Assert.True(_builder.TryBuild(Encoding.UTF8.GetBytes(body), KeyTestHelper.Scope(), out _));
    }

    [Fact]
    public void TryBuild_Nesting65_ReturnsFalse()
    {
        var body = """{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],"x":""" + new string('[', 64) + new string(']', 64) + "}";

        Assert.False(_builder.TryBuild(Encoding.UTF8.GetBytes(body), KeyTestHelper.Scope(), out _));
    }
}
