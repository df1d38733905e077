using LlmCacheProxy.Caching.Semantic;

namespace LlmCacheProxy.Tests.Caching.Semantic;

public sealed class FactCheckNegationTests
{
    [Theory]
    [InlineData("How do I reverse a list in Python?", "How do I not reverse a list in Python?")]
    [InlineData("Why does my code compile?", "Why doesn't my code compile?")]
    [InlineData("Why does my code compile?", "Why doesn’t my code compile?")]
    [InlineData("How do I deploy with Docker?", "How do I deploy without Docker?")]
    [InlineData("Is the model ever wrong?", "Is the model never wrong?")]
    [InlineData("List planets with rings", "List planets with no rings")]
    [InlineData("Commit all files", "Commit all files except the config")]
    [InlineData("Why can I log in?", "Why can't I log in?")]
    [InlineData("Why can I log in?", "Why cannot I log in?")]
    [InlineData("Why does it work", "Why doesnt it work")]
    public void NegationOnOneSideOnly_IsRefused(string a, string b)
    {
        Assert.True(FactCheck.Compare(a, b).HasFlag(FactMismatch.Negation));
    }

    [Theory]
    [InlineData("Why doesn't my code compile?", "Why does my code not compile?")]
    [InlineData("Why can't I log in with Google?", "Why am I unable to log in with Google?")]
    [InlineData("How do I reload nginx without restarting it?", "Without restarting it, how do I reload nginx?")]
    [InlineData("How do I sort a list without changing the original?", "How do I sort a list but not change the original?")]
    public void NegationOnBothSides_InOtherWords_Passes(string a, string b)
    {
        Assert.Equal(FactMismatch.None, FactCheck.Compare(a, b) & FactMismatch.Negation);
    }

    [Fact]
    public void NegationMovedToTheOtherClause_IsRefused()
    {
        Assert.True(FactCheck.Compare("Why does A work but B doesn't?", "Why doesn't A work but B does?").HasFlag(FactMismatch.Negation));
    }
}
