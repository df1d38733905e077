using System.Text.Json;
using LlmCacheProxy.Keys;
using LlmCacheProxy.Pricing;

namespace LlmCacheProxy.Endpoints.Completions;

/// <summary>
/// The proxy's own token count of a legacy completion whose stream reported no usage: the keyed prompt (strings by the
/// tokenizer, token arrays by their length) and the assembled choices' text; always marked estimated.
/// </summary>
internal static class CompletionsUsageEstimate
{
    public static TokenUsage Estimate(CacheKey key, IReadOnlyList<string> events)
    {
        long input = 0, output = 0;
        try
        {
            using var request = JsonDocument.Parse(key.CanonicalJson);
            if (request.RootElement.TryGetProperty("prompt", out var prompt))
            {
                input = Prompt(key.Model, prompt);
            }

            using var answer = JsonDocument.Parse(TextCompletionAssembler.Assemble(events));
            foreach (var choice in answer.RootElement.GetProperty("choices").EnumerateArray())
            {
                output += TokenCounter.Estimate(key.Model, choice.GetProperty("text").GetString() ?? "");
            }
        }
        catch (JsonException)
        {
        }

        return new TokenUsage(input, output, 0, Estimated: true);
    }

    private static long Prompt(string model, JsonElement prompt) => prompt.ValueKind switch
    {
        JsonValueKind.String => TokenCounter.Estimate(model, prompt.GetString()!),
        JsonValueKind.Number => 1,
        JsonValueKind.Array => prompt.EnumerateArray().Sum(item => Prompt(model, item)),
        _ => 0,
    };
}
