using LlmCacheProxy.Caching.Semantic;

namespace LlmCacheProxy.Tests.Caching.Semantic;

public sealed class FactCheckTests
{
    [Theory]
    [InlineData("How do I reverse a list in Python?", "What's the way to reverse a Python list?")]
    [InlineData("How do I reset my account password?", "Hi! Could you please tell me how to reset my account password? Thanks!")]
    [InlineData("What is the capital of Canada?", "Could you please tell me what the capital of Canada is?")]
    [InlineData("Why is my API key not working?", "Hi there, sorry to bother you, but why is my API key not working?")]
    [InlineData("", "")]
    public void Paraphrase_StatesTheSameFacts(string a, string b)
    {
        Assert.Equal(FactMismatch.None, FactCheck.Compare(a, b));
    }

    [Fact]
    public void Compare_IsSymmetric_OnTheLabeledSet()
    {
        foreach (var pair in LabeledPair.Load("pairs.jsonl"))
        {
            Assert.Equal(FactCheck.Compare(pair.A, pair.B), FactCheck.Compare(pair.B, pair.A));
        }
    }

    [Fact]
    public void Compare_OfAQuestionWithItself_IsAlwaysNone()
    {
        foreach (var pair in LabeledPair.Load("pairs.jsonl"))
        {
            Assert.Equal(FactMismatch.None, FactCheck.Compare(pair.B, pair.B));
        }
    }

    [Fact]
    public void SeveralDifferences_AreAllReported()
    {
        var mismatch = FactCheck.Compare("Set max_tokens to 500 in Python", "Don't set max_tokens to 5000 in Ruby");

        Assert.Equal(FactMismatch.Numbers | FactMismatch.Negation | FactMismatch.Name, mismatch);
    }

    [Fact]
    public void Codes_NameEveryReason()
    {
        var all = Enum.GetValues<FactMismatch>().Aggregate(FactMismatch.None, (a, b) => a | b);

        Assert.Equal(
            ["numbers", "negation", "quoted", "url", "identifier", "name", "date", "order", "antonym", "task"],
            FactMismatchCodes.ToCodes(all));
    }

    [Fact]
    public void Facts_KeepNoQuestionText()
    {
        var facts = QuestionFacts.Extract("My secret plan: ship the thing");

        Assert.DoesNotContain("My secret plan: ship the thing", facts.Words);
        Assert.True(facts.EstimatedBytes > 0);
    }
}
