using LlmCacheProxy.Keys;
using static LlmCacheProxy.Tests.Keys.KeyTestHelper;

namespace LlmCacheProxy.Tests.Keys;

public sealed class KeyScopeTests
{
    private const string Path = "/openai/deployments/gpt/chat/completions";

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("?")]
    [InlineData("?&&")]
    public void Create_NoQuery_RouteIsPathAlone(string? query)
    {
        Assert.Equal(Path, RouteOf(query));
    }

    [Fact]
    public void Create_Query_SortedByName()
    {
        Assert.Equal($"{Path}?api-version=2024-02-01&b=2&c=3", RouteOf("?c=3&api-version=2024-02-01&b=2"));
    }

    [Fact]
    public void Create_QueryInAnotherOrder_SameRoute()
    {
        Assert.Equal(RouteOf("?a=1&b=2"), RouteOf("?b=2&a=1"));
    }

    [Fact]
    public void Create_QueryWithoutQuestionMark_SameRoute()
    {
        Assert.Equal(RouteOf("?a=1&b=2"), RouteOf("a=1&b=2"));
    }

    [Fact]
    public void Create_DifferentApiVersion_DifferentRoute()
    {
        Assert.NotEqual(RouteOf("?api-version=2024-02-01"), RouteOf("?api-version=1999-01-01"));
    }

    [Theory]
    [InlineData("?q=x+y", "?q=x%20y")]
    [InlineData("?q=%41", "?q=A")]
    [InlineData("?q=%2f", "?q=%2F")]
    [InlineData("?q=caf%C3%A9", "?q=café")]
    [InlineData("?%61pi-version=1", "?api-version=1")]
    [InlineData("?flag", "?flag=")]
    [InlineData("?q=%3D", "?q==")]
    [InlineData("?a=1&&b=2&", "?a=1&b=2")]
    public void Create_SameQueryEncodedTwoWays_SameRoute(string a, string b)
    {
        Assert.Equal(RouteOf(a), RouteOf(b));
    }

    [Theory]
    [InlineData("?q=%2B", "?q=+")]
    [InlineData("?q=%26x", "?q=&x")]
    [InlineData("?q=%FF", "?q=%FE")]
    [InlineData("?a=1", "?a=2")]
    [InlineData("?a=1", "?b=1")]
    [InlineData("?a=1", "?A=1")]
    public void Create_DifferentQuery_DifferentRoute(string a, string b)
    {
        Assert.NotEqual(RouteOf(a), RouteOf(b));
    }

    [Fact]
    public void Create_Query_ReencodedOneWay()
    {
        Assert.Equal($"{Path}?a=x%20y%2B%C3%A9~-._&b=%25zz", RouteOf("?b=%zz&a=x+y%2bé~-._"));
    }

    [Fact]
    public void Create_RepeatedName_KeepsBothInOrder()
    {
        // Upstreams differ on which repeated value wins, so the order of repeats is part of the question.
        Assert.Equal($"{Path}?a=2&a=1&b=0", RouteOf("?a=2&b=0&a=1"));
    }

    [Fact]
    public void Create_RepeatedNameSwapped_DifferentRoute()
    {
        Assert.NotEqual(RouteOf("?a=1&a=2"), RouteOf("?a=2&a=1"));
    }

    [Fact]
    public void Create_DuplicatePair_DifferentRouteFromSingle()
    {
        Assert.NotEqual(RouteOf("?a=1&a=1"), RouteOf("?a=1"));
    }

    [Fact]
    public void Create_Vary_NamesLowercasedValuesTrimmedSortedByName()
    {
        var scope = Scope(vary: [("OpenAI-Project", " proj "), ("API-Version", "2024-02-01\t")]);

        Assert.Equal(
            [KeyValuePair.Create("api-version", "2024-02-01"), KeyValuePair.Create("openai-project", "proj")],
            scope.Vary);
    }

    [Fact]
    public void Create_VaryHeaderWithSeveralValues_JoinedByComma()
    {
        var scope = Scope(vary: [("OpenAI-Beta", " a=1 "), ("openai-beta", "b=2")]);

        Assert.Equal([KeyValuePair.Create("openai-beta", "a=1,b=2")], scope.Vary);
    }

    [Fact]
    public void TryBuild_VaryHeaderCaseAndSpaces_SameKey()
    {
        Assert.Equal(
            Build(GoldenBodies.Minimal, Scope(vary: ("OpenAI-Organization", "org-1"))).Hash,
            Build(GoldenBodies.Minimal, Scope(vary: ("openai-organization", "  org-1 "))).Hash);
    }

    [Fact]
    public void TryBuild_VaryHeadersInAnotherOrder_SameKey()
    {
        Assert.Equal(
            Build(GoldenBodies.Minimal, Scope(vary: [("OpenAI-Organization", "o"), ("OpenAI-Project", "p")])).Hash,
            Build(GoldenBodies.Minimal, Scope(vary: [("OpenAI-Project", "p"), ("OpenAI-Organization", "o")])).Hash);
    }

    [Fact]
    public void TryBuild_DifferentVaryValue_DifferentKey()
    {
        Assert.NotEqual(
            Build(GoldenBodies.Minimal, Scope(vary: ("OpenAI-Organization", "org-1"))).Hash,
            Build(GoldenBodies.Minimal, Scope(vary: ("OpenAI-Organization", "org-2"))).Hash);
    }

    [Fact]
    public void TryBuild_VaryHeaderAbsentVersusEmpty_DifferentKey()
    {
        Assert.NotEqual(
            Build(GoldenBodies.Minimal, Scope()).Hash,
            Build(GoldenBodies.Minimal, Scope(vary: ("OpenAI-Beta", ""))).Hash);
    }

    [Fact]
    public void TryBuild_VaryHeaderEmptyVersusSpaces_SameKey()
    {
        Assert.Equal(
            Build(GoldenBodies.Minimal, Scope(vary: ("OpenAI-Beta", ""))).Hash,
            Build(GoldenBodies.Minimal, Scope(vary: ("OpenAI-Beta", "   "))).Hash);
    }

    [Fact]
    public void TryBuild_SameValueUnderAnotherHeader_DifferentKey()
    {
        Assert.NotEqual(
            Build(GoldenBodies.Minimal, Scope(vary: ("OpenAI-Organization", "x"))).Hash,
            Build(GoldenBodies.Minimal, Scope(vary: ("OpenAI-Project", "x"))).Hash);
    }

    [Fact]
    public void TryBuild_DifferentApiVersionQuery_DifferentKey()
    {
        Assert.NotEqual(
            Build(GoldenBodies.Minimal, Scope(Path, query: "?api-version=2024-02-01")).Hash,
            Build(GoldenBodies.Minimal, Scope(Path, query: "?api-version=1999-01-01")).Hash);
    }

    [Fact]
    public void TryBuild_QueryInAnotherOrder_SameKey()
    {
        Assert.Equal(
            Build(GoldenBodies.Minimal, Scope(Path, query: "?api-version=2024-02-01&x=1")).Hash,
            Build(GoldenBodies.Minimal, Scope(Path, query: "?x=1&api-version=2024-02-01")).Hash);
    }

    [Fact]
    public void DefaultVaryHeaders_AreTheUpstreamsOwn()
    {
        Assert.Equal(
            ["OpenAI-Organization", "OpenAI-Project", "OpenAI-Beta", "api-version", "anthropic-version"],
            KeySettings.Default.VaryHeaders);
    }

    private static string RouteOf(string? query) => KeyScope.Create(Path, query, "", []).Route;
}
