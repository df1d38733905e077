using LlmCacheProxy.Caching.Semantic;

namespace LlmCacheProxy.Tests.Caching.Semantic;

public sealed class FactCheckNamesAndDatesTests
{
    [Theory]
    [InlineData("How do I reverse a list in Python?", "How do I reverse a list in Ruby?")]
    [InlineData("What is the capital of Australia?", "What is the capital of Austria?")]
    [InlineData("Who founded Microsoft?", "Who founded Apple?")]
    [InlineData("How do I connect to Postgres from Node?", "How do I connect to Oracle from Node?")]
    [InlineData("Does React support hooks?", "Does Preact support hooks?")]
    [InlineData("Deploy to AWS", "Deploy to GCP")]
    public void DifferentName_IsRefused(string a, string b)
    {
        Assert.True(FactCheck.Compare(a, b).HasFlag(FactMismatch.Name));
    }

    [Theory]
    [InlineData("How do I install Docker on Ubuntu?", "how do i install docker on ubuntu")]
    [InlineData("How do I reverse a list in Python?", "hwo do i revrese a list in pyhton")]
    [InlineData("What is Kubernetes used for?", "what is kubernets used for?")]
    [InlineData("Which APIs are free?", "Which API is free?")]
    [InlineData("Python: how do I sort a list?", "How do I sort a list in Python?")]
    public void SameName_InAnotherCaseOrWithATypo_Passes(string a, string b)
    {
        Assert.Equal(FactMismatch.None, FactCheck.Compare(a, b) & FactMismatch.Name);
    }

    [Fact]
    public void SentenceInitialCapital_IsNotAName()
    {
        Assert.Empty(QuestionFacts.Extract("Sorting lists. Reversing them? Question: How do I do both?").Names);
    }

    [Theory]
    [InlineData("What happened on May 1, 2024?", "What happened on May 2, 2024?")]
    [InlineData("Show me sales from 2023.", "Show me sales from 2024.")]
    [InlineData("What's the weather tomorrow?", "What's the weather today?")]
    [InlineData("Schedule it on Monday.", "Schedule it on Tuesday.")]
    [InlineData("List orders after 2024-01-15.", "List orders after 2024-02-15.")]
    [InlineData("What is planned for March?", "What is planned for April?")]
    [InlineData("Book a table for 7pm.", "Book a table for 8pm.")]
    [InlineData("Set a reminder for 09:30.", "Set a reminder for 10:30.")]
    [InlineData("Report for Q1", "Report for Q3")]
    public void DifferentDate_IsRefused(string a, string b)
    {
        Assert.True(FactCheck.Compare(a, b).HasFlag(FactMismatch.Date));
    }

    [Theory]
    [InlineData("What happened on May 1, 2024?", "What happened on 1 May 2024?")]
    [InlineData("What happened on May 1st, 2024?", "What happened on 2024-05-01?")]
    [InlineData("Meet at 3pm on Friday", "Meet on Friday at 3 pm")]
    [InlineData("Meet at 3pm", "Meet at 15:00")]
    public void SameDate_WrittenDifferently_Passes(string a, string b)
    {
        Assert.Equal(FactMismatch.None, FactCheck.Compare(a, b) & FactMismatch.Date);
    }

    [Fact]
    public void MayAtTheStartOfAQuestion_IsNotAMonth()
    {
        Assert.Empty(QuestionFacts.Extract("May I ask how to sort a dict?").Dates);
    }
}
