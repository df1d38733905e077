using LlmCacheProxy.Caching.Semantic;

namespace LlmCacheProxy.Tests.Caching.Semantic;

public sealed class FactCheckLiteralTests
{
    [Theory]
    [InlineData("What does \"connection refused\" mean?", "What does \"connection reset\" mean?")]
    [InlineData("What does “connection refused” mean?", "What does “connection reset” mean?")]
    [InlineData("What does 'ENOENT' mean in Node?", "What does 'EACCES' mean in Node?")]
    [InlineData("Why does ```x = 1``` fail?", "Why does ```x = 2``` fail?")]
    [InlineData("What does \"Connection refused\" mean?", "What does \"connection refused\" mean?")]
    public void DifferentQuotedText_IsRefused(string a, string b)
    {
        Assert.True(FactCheck.Compare(a, b).HasFlag(FactMismatch.Quoted));
    }

    [Theory]
    [InlineData("What does \"connection  refused\" mean?", "What does \"connection refused\" mean?")]
    [InlineData("Why is the 'users' table locked?", "Why is the \"users\" table locked?")]
    public void SameQuotedText_Passes(string a, string b)
    {
        Assert.Equal(FactMismatch.None, FactCheck.Compare(a, b) & FactMismatch.Quoted);
    }

    [Fact]
    public void Apostrophes_AreNotQuotes()
    {
        Assert.Empty(QuestionFacts.Extract("Why doesn't the users' table show John's rows?").Quoted);
    }

    [Theory]
    [InlineData("Summarize https://example.com/blog/post-1", "Summarize https://example.com/blog/post-2")]
    [InlineData("Fetch https://example.com/a", "Fetch https://example.org/a")]
    [InlineData("Email bob@example.com", "Email alice@example.com")]
    public void DifferentUrl_IsRefused(string a, string b)
    {
        Assert.True(FactCheck.Compare(a, b).HasFlag(FactMismatch.Url));
    }

    [Fact]
    public void Url_SchemeHostCaseAndTrailingSlash_DoNotMatter()
    {
        Assert.Equal(FactMismatch.None, FactCheck.Compare("Summarize https://Example.com/post/.", "Give me a summary of http://example.com/post"));
    }

    [Theory]
    [InlineData("Why does `getUserById` return null?", "Why does `getUserByName` return null?")]
    [InlineData("What does Array.prototype.map return?", "What does Array.prototype.filter return?")]
    [InlineData("Why is user_id null?", "Why is order_id null?")]
    [InlineData("What does --force do in git push?", "What does --force-with-lease do in git push?")]
    [InlineData("How do I use gpt-4o for vision?", "How do I use gpt-4o-mini for vision?")]
    [InlineData("What does len() return?", "What does size() return?")]
    [InlineData("Where is /etc/nginx/nginx.conf?", "Where is /etc/nginx/mime.types?")]
    [InlineData("Is sha256 safe?", "Is sha1 safe?")]
    [InlineData("How do I connect to PostgreSQL from Node?", "How do I connect to MySQL from Node?")]
    public void DifferentIdentifier_IsRefused(string a, string b)
    {
        Assert.True(FactCheck.Compare(a, b).HasFlag(FactMismatch.Identifier));
    }

    [Theory]
    [InlineData("Explain `os.path.join` in Python.", "In Python, what does os.path.join() do?")]
    [InlineData("What does the MongoDB driver do?", "what does the mongodb driver do")]
    [InlineData("How do I sort an array in JavaScript?", "How do I sort a JS array?")]
    public void SameIdentifier_WrittenDifferently_Passes(string a, string b)
    {
        Assert.Equal(FactMismatch.None, FactCheck.Compare(a, b) & FactMismatch.Identifier);
    }
}
