using LlmCacheProxy.Caching.Semantic;

namespace LlmCacheProxy.Tests.Caching.Semantic;

public sealed class FactCheckNumbersTests
{
    [Theory]
    [InlineData("What is 1,000 times 3?", "What is 1000 times 3?")]
    [InlineData("What is 1e3 plus 1?", "What is 1000 plus 1?")]
    [InlineData("Limit it to 5k tokens", "Limit it to 5000 tokens")]
    [InlineData("Convert 5 kilometers to miles", "How many miles is 5km?")]
    [InlineData("What's twenty five percent of 80?", "What is 25% of 80?")]
    [InlineData("Give me two hundred and five words", "Give me 205 words")]
    [InlineData("Wait 30 seconds", "Wait 30 secs then")]
    [InlineData("Wait 30 seconds", "Wait 30s then")]
    [InlineData("Run it twice", "Run it 2 times")]
    [InlineData("What is $5 in yen?", "What is 5 dollars in yen?")]
    [InlineData("Pick the 3rd item", "Pick the third item")]
    public void SameQuantity_WrittenDifferently_Passes(string a, string b)
    {
        Assert.Equal(FactMismatch.None, FactCheck.Compare(a, b) & FactMismatch.Numbers);
    }

    [Theory]
    [InlineData("Set max_tokens to 500", "Set max_tokens to 5000")]
    [InlineData("Is Python 3.10 supported?", "Is Python 3.1 supported?")]
    [InlineData("What is 12 times 13?", "What is 12 times 14?")]
    [InlineData("Give me three examples", "Give me ten examples")]
    [InlineData("What is 10 minus 2?", "What is 10 minus 2 minus 2?")]
    [InlineData("Retry -1 times", "Retry 1 times")]
    [InlineData("What is the cost of 1M tokens?", "What is the cost of 1K tokens?")]
    public void DifferentNumbers_AreRefused(string a, string b)
    {
        Assert.True(FactCheck.Compare(a, b).HasFlag(FactMismatch.Numbers));
    }

    [Theory]
    [InlineData("Convert 5 km to miles", "Convert 5 miles to km")]
    [InlineData("Set the timeout to 30 seconds", "Set the timeout to 30 minutes")]
    [InlineData("Is 16 GB enough?", "Is 16 MB enough?")]
    [InlineData("Limit it to 200 words", "Limit it to 200 tokens")]
    [InlineData("What is 100 degrees Fahrenheit?", "What is 100 degrees Celsius?")]
    [InlineData("How much is 50 dollars?", "How much is 50 euros?")]
    public void SameNumber_DifferentUnit_IsRefused(string a, string b)
    {
        Assert.True(FactCheck.Compare(a, b).HasFlag(FactMismatch.Numbers));
    }

    [Fact]
    public void OneLetterUnit_SeparatedFromItsNumber_IsNotAUnit()
    {
        Assert.Equal(["2", "3"], QuestionFacts.Extract("What is 2 x 3?").Numbers);
    }

    [Theory]
    [InlineData("What is 10/2?", "What is 2/10?")]
    [InlineData("What is 2^10?", "What is 10^2?")]
    [InlineData("What is 10 - 3?", "What is 3 - 10?")]
    [InlineData("What is 10 divided by 2?", "What is 2 divided by 10?")]
    public void Expression_KeepsTheOrderOfItsOperands(string a, string b)
    {
        Assert.True(FactCheck.Compare(a, b).HasFlag(FactMismatch.Numbers));
    }

    [Theory]
    [InlineData("What is 3 + 4 * 2?", "Compute 3+4*2.")]
    [InlineData("What's 2 to the power of 10?", "What is 2^10?")]
    [InlineData("What is 1,000 times 3?", "What's 1000 multiplied by 3?")]
    public void Expression_WrittenDifferently_Passes(string a, string b)
    {
        Assert.Equal(FactMismatch.None, FactCheck.Compare(a, b) & FactMismatch.Numbers);
    }

    [Fact]
    public void Numbers_AreAMultiset_NotASet()
    {
        Assert.True(FactCheck.Compare("Add 2 and 2", "Add 2 and 2 and 2").HasFlag(FactMismatch.Numbers));
    }

    [Theory]
    [InlineData("1,000", "1000")]
    [InlineData("1e3", "1000")]
    [InlineData("1.5k", "1500")]
    [InlineData("007", "7")]
    [InlineData(".5", "0.5")]
    [InlineData("3.10", "3.10")]
    [InlineData("-2.5", "-2.5")]
    [InlineData("10ms", "10 ms")]
    [InlineData("50%", "50 %")]
    [InlineData("$5", "5 usd")]
    [InlineData("16GB", "16 gb")]
    [InlineData("2nd", "ord:2")]
    public void Canonical_Forms(string written, string canonical)
    {
        Assert.True(FactNumbers.TryParse(written, out var parsed));
        Assert.Equal(canonical, parsed);
    }

    [Theory]
    [InlineData("3d")]
    [InlineData("4o")]
    [InlineData("2fa")]
    public void DigitsAndLetters_AreNotAQuantity(string written)
    {
        Assert.False(FactNumbers.TryParse(written, out _));
    }

    [Fact]
    public void Canonical_DoesNotDependOnCulture()
    {
        var culture = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("fr-FR");
            Assert.Equal(["1500", "2.5 km"], QuestionFacts.Extract("Run 2.5 km then 1.5k more").Numbers);
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = culture;
        }
    }
}
