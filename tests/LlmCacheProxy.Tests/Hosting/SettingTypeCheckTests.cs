using LlmCacheProxy.Hosting;
using Microsoft.Extensions.Configuration;

namespace LlmCacheProxy.Tests.Hosting;

public sealed class SettingTypeCheckTests
{
    private static IReadOnlyList<string> Check(params (string Key, string Value)[] settings) =>
        SettingTypeCheck.Check(
            new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build(),
            typeof(SettingTypeCheck).Assembly);

    [Fact]
    public void Check_ValidTypedSettings_FindsNothing()
    {
        var errors = Check(("Cache:Normalization", "loose"), ("Cache:Sqlite:MaxBytes", "1024"), ("Cache:MaxTemperature", "0.5"),
            ("Cache:S3:Enabled", "true"), ("Cache:ModelTtlSeconds:gpt-4o", "60"), ("Proxy:ClientKeys:0", "any text"));

        Assert.Empty(errors);
    }

    [Fact]
    public void Check_SeveralBadValues_ReportsEachWithItsPath()
    {
        var errors = Check(("Cache:Memory:Enabled", "yes"), ("Cache:MaxTemperature", "0,5"), ("Analytics:FlushIntervalMs", "1s"));

        Assert.Equal(
            [
                "Analytics:FlushIntervalMs must be a whole number (-2147483648 to 2147483647) (got '1s').",
                "Cache:MaxTemperature must be a number, with '.' as the decimal point (got '0,5').",
                "Cache:Memory:Enabled must be true or false (got 'yes').",
            ],
            errors.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Check_DictionaryValueThatDoesNotParse_NamesTheEntry()
    {
        var errors = Check(("Cache:ModelTtlSeconds:gpt-4o", "a week"));

        Assert.Equal(["Cache:ModelTtlSeconds:gpt-4o must be a whole number (-9223372036854775808 to 9223372036854775807) (got 'a week')."], errors);
    }

    [Fact]
    public void Check_EmptyValueOfANullableSetting_IsNoValue()
    {
        Assert.Empty(Check(("Cache:MaxTemperature", "")));
    }
}
