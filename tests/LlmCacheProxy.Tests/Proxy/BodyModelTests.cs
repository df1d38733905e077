using System.Text;
using LlmCacheProxy.Proxy;

namespace LlmCacheProxy.Tests.Proxy;

public sealed class BodyModelTests
{
    [Theory]
    [InlineData("{\"model\":\"abcdef\",\"messages\":[]}", 5, true)]
    [InlineData("{\"model\":\"abcde\"}", 5, false)]
    [InlineData("{\"messages\":[{\"model\":\"abcdefgh\"}],\"model\":\"ab\"}", 5, false)]
    [InlineData("{\"x\":{\"model\":\"abcdefgh\"},\"model\":\"abcdefgh\"}", 5, true)]
    [InlineData("{\"model\":\"\\u00e9\\u00e9\\u00e9\"}", 3, false)]
    [InlineData("{\"model\":\"ééé\"}", 3, false)]
    [InlineData("{\"model\":\"éééé\"}", 3, true)]
    [InlineData("{\"model\":123456}", 3, false)]
    [InlineData("[\"model\"]", 3, false)]
    [InlineData("{\"model\":\"abcdefgh\"", 3, true)]
    [InlineData("not json", 3, false)]
    public void IsLongerThan_TopLevelModelString_ComparesItsCharacters(string body, int max, bool expected) =>
        Assert.Equal(expected, BodyModel.IsLongerThan(Encoding.UTF8.GetBytes(body), max));
}
