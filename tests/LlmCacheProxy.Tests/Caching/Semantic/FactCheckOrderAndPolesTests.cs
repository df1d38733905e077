using LlmCacheProxy.Caching.Semantic;

namespace LlmCacheProxy.Tests.Caching.Semantic;

public sealed class FactCheckOrderAndPolesTests
{
    [Theory]
    [InlineData("Is Python faster than Go?", "Is Go faster than Python?")]
    [InlineData("Python vs Go for web servers", "Go vs Python for web servers")]
    [InlineData("Compare PostgreSQL and MySQL", "Compare MySQL and PostgreSQL")]
    [InlineData("Should I use Redis or Memcached?", "Should I use Memcached or Redis?")]
    [InlineData("Convert Celsius to Fahrenheit", "Convert Fahrenheit to Celsius")]
    [InlineData("Migrate from MySQL to PostgreSQL", "Migrate from PostgreSQL to MySQL")]
    [InlineData("Is 2^10 bigger than 10^2?", "Is 10^2 bigger than 2^10?")]
    [InlineData("Did Brazil beat Germany?", "Did Germany beat Brazil?")]
    [InlineData("Is a list faster than a tuple?", "Are tuples faster than lists?")]
    [InlineData("Why do cats hate dogs?", "Why do dogs hate cats?")]
    [InlineData("Does the client send the token to the server?", "Does the server send the token to the client?")]
    [InlineData("Should I call init before connect?", "Should I call connect before init?")]
    public void SwappedSides_AreRefused(string a, string b)
    {
        Assert.True(FactCheck.Compare(a, b).HasFlag(FactMismatch.Order));
    }

    [Theory]
    [InlineData("Is Python faster than Go?", "Which is faster, Python or Go?")]
    [InlineData("Compare Redis and Memcached for sessions.", "Redis vs Memcached for sessions?")]
    [InlineData("In Python, how do I sort a list of tuples?", "How do I sort a list of tuples in Python?")]
    [InlineData("Set the timeout to 60 seconds in requests.", "In requests, set a 60 second timeout.")]
    [InlineData("Was Beats bought by Apple?", "Did Apple buy Beats?")]
    public void SameOrderOrMovedPhrase_Passes(string a, string b)
    {
        Assert.Equal(FactMismatch.None, FactCheck.Compare(a, b) & FactMismatch.Order);
    }

    [Theory]
    [InlineData("How do I increase the timeout?", "How do I decrease the timeout?")]
    [InlineData("How do I enable logging?", "How do I disable logging?")]
    [InlineData("Sort in ascending order", "Sort in descending order")]
    [InlineData("How do I add a column?", "How do I remove a column?")]
    [InlineData("How do I encrypt a file?", "How do I decrypt a file?")]
    [InlineData("Upload a file to S3", "Download a file from S3")]
    [InlineData("Turn on dark mode", "Turn off dark mode")]
    [InlineData("How do I zoom in?", "How do I zoom out?")]
    [InlineData("Show hidden columns", "Hide columns")]
    [InlineData("Get the first element", "Get the last element")]
    [InlineData("What is the maximum value?", "What is the minimum value?")]
    public void OppositePoles_AreRefused(string a, string b)
    {
        Assert.True(FactCheck.Compare(a, b).HasFlag(FactMismatch.Antonym));
    }

    [Theory]
    [InlineData("How do I make my app faster?", "How do I speed up my app?")]
    [InlineData("How can I reduce my API costs?", "How can I lower my API costs?")]
    [InlineData("Run this on Linux", "Turn this off")]
    public void SamePoleOrNoSharedGroup_Passes(string a, string b)
    {
        Assert.Equal(FactMismatch.None, FactCheck.Compare(a, b) & FactMismatch.Antonym);
    }

    [Theory]
    [InlineData("Write a SQL query that counts users.", "Explain this SQL query that counts users.")]
    [InlineData("Write a function that reverses a string.", "Write tests for a function that reverses a string.")]
    [InlineData("Summarize this article.", "Translate this article.")]
    [InlineData("Refactor this function.", "Write documentation for this function.")]
    public void DifferentTask_IsRefused(string a, string b)
    {
        Assert.True(FactCheck.Compare(a, b).HasFlag(FactMismatch.Task));
    }

    [Theory]
    [InlineData("Explain the CAP theorem.", "What is the CAP theorem?")]
    [InlineData("How do I build a REST API?", "How do I create a REST API?")]
    [InlineData("Summarize the plot of Hamlet.", "Give me a summary of Hamlet's plot.")]
    public void SameTaskOrOnlyOneNamed_Passes(string a, string b)
    {
        Assert.Equal(FactMismatch.None, FactCheck.Compare(a, b) & FactMismatch.Task);
    }
}
