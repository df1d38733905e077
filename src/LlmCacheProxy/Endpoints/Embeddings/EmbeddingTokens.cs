using System.Text.Json;
using LlmCacheProxy.Pricing;

namespace LlmCacheProxy.Endpoints.Embeddings;

/// <summary>
/// Each item's share of an embeddings call's tokens. A token-array item is its length; a string is counted by the model's
/// tokenizer (OpenAI models). When every item was counted so and the counts add up to upstream's <c>prompt_tokens</c>
/// (or upstream gave none), they are exact. Otherwise (a model without a known tokenizer, counts that disagree with
/// upstream's) upstream's total is split in proportion to the counts (o200k_base for strings of unknown models), largest
/// remainders first so the shares add up to it, and marked estimated.
/// </summary>
internal static class EmbeddingTokens
{
    public static TokenUsage[] Split(string model, IReadOnlyList<byte[]> rawItems, long? upstreamTotal)
    {
        var counts = new long[rawItems.Count];
        bool exact = true;
        for (int i = 0; i < counts.Length; i++)
        {
            using var item = JsonDocument.Parse(rawItems[i]);
            var element = item.RootElement;
            if (element.ValueKind == JsonValueKind.Array)
            {
                counts[i] = element.GetArrayLength();
            }
            else
            {
                string text = element.GetString() ?? "";
                exact &= TokenCounter.TryCount(model, text, out int tokens);
                counts[i] = exact ? tokens : TokenCounter.Estimate(model, text);
            }
        }

        long sum = counts.Sum();
        if (exact && (upstreamTotal is null || upstreamTotal == sum))
        {
            return counts.Select(c => new TokenUsage(c, 0, 0)).ToArray();
        }

        var shares = upstreamTotal is { } total ? Apportion(total, counts) : counts;
        return shares.Select(c => new TokenUsage(c, 0, 0, Estimated: true)).ToArray();
    }

    /// <summary>Splits <paramref name="total"/> in proportion to <paramref name="weights"/> (equally when they are all zero).</summary>
    public static long[] Apportion(long total, IReadOnlyList<long> weights)
    {
        long weightSum = weights.Sum();
        var shares = new long[weights.Count];
        var remainders = new (double Remainder, int Index)[weights.Count];
        long given = 0;
        for (int i = 0; i < shares.Length; i++)
        {
            double exactShare = weightSum == 0 ? (double)total / shares.Length : (double)total * weights[i] / weightSum;
            shares[i] = (long)Math.Floor(exactShare);
            remainders[i] = (exactShare - shares[i], i);
            given += shares[i];
        }

        foreach (var (_, index) in remainders.OrderByDescending(r => r.Remainder).ThenBy(r => r.Index).Take((int)Math.Max(0, total - given)))
        {
            shares[index]++;
        }

        return shares;
    }
}
