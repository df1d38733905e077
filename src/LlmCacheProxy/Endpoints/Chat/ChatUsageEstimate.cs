using System.Text.Json;
using LlmCacheProxy.Keys;
using LlmCacheProxy.Pricing;

namespace LlmCacheProxy.Endpoints.Chat;

/// <summary>
/// The proxy's own token count of a chat answer whose stream reported no usage: input from the keyed request (per
/// message 3 + role + content + name, 3 more to prime the reply, as OpenAI counts chat prompts; tool definitions by their
/// JSON), output from the assembled answer (every text field, tool call names and arguments). The model's tokenizer when
/// it is an OpenAI model, else o200k_base; always marked estimated.
/// </summary>
internal static class ChatUsageEstimate
{
    private const int PerMessage = 3;
    private const int ReplyPriming = 3;

    public static TokenUsage Estimate(CacheKey key, IReadOnlyList<string> events)
    {
        long input = 0, output = 0;
        try
        {
            using var request = JsonDocument.Parse(key.CanonicalJson);
            input = Input(key.Model, request.RootElement);
            if (StreamAssembler.TryAssemble(events, out var completion))
            {
                using var answer = JsonDocument.Parse(completion);
                output = Output(key.Model, answer.RootElement);
            }
        }
        catch (JsonException)
        {
        }

        return new TokenUsage(input, output, 0, Estimated: true);
    }

    private static long Input(string model, JsonElement request)
    {
        long tokens = ReplyPriming;
        if (request.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array)
        {
            foreach (var message in messages.EnumerateArray())
            {
                tokens += PerMessage + Texts(model, message);
            }
        }

        if (request.TryGetProperty("params", out var parameters) && parameters.TryGetProperty("tools", out var tools))
        {
            tokens += TokenCounter.Estimate(model, tools.GetRawText());
        }

        return tokens;
    }

    private static long Output(string model, JsonElement completion)
    {
        long tokens = 0;
        if (completion.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array)
        {
            foreach (var choice in choices.EnumerateArray())
            {
                if (choice.TryGetProperty("message", out var message))
                {
                    tokens += Texts(model, message, skipRole: true);
                }
            }
        }

        return tokens;
    }

    /// <summary>Every string in the element (names and ids of tool calls included), counted one by one.</summary>
    private static long Texts(string model, JsonElement element, bool skipRole = false)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return TokenCounter.Estimate(model, element.GetString()!);
            case JsonValueKind.Array:
                return element.EnumerateArray().Sum(item => Texts(model, item));
            case JsonValueKind.Object:
                long tokens = 0;
                foreach (var member in element.EnumerateObject())
                {
                    if (!(skipRole && member.NameEquals("role")) && !member.NameEquals("type"))
                    {
                        tokens += Texts(model, member.Value);
                    }
                }

                return tokens;
            default:
                return 0;
        }
    }
}
