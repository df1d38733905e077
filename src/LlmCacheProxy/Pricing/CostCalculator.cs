

namespace LlmCacheProxy.Pricing;

/// <summary>
/// USD cost of one upstream call: uncached input tokens at the input price, cached input tokens at the cached
/// price, output tokens at the output price. An upstream-reported cost (OpenRouter's <c>usage.cost</c>) wins.
/// Null when the model has no price and upstream said nothing: unknown, never guessed.
/// </summary>
internal sealed class CostCalculator(PriceTable prices)
{
    private const decimal Million = 1_000_000m;

    public CostInfo? Calculate(string model, TokenUsage tokens, decimal? upstreamCost = null)
    {
        CostInfo? computed = null;
        if (prices.TryGet(model, out var price))
        {
            long cached = Math.Clamp(tokens.CachedInput, 0, Math.Max(0, tokens.Input));
            decimal input = ((tokens.Input - cached) * price.InputPerMillion + cached * price.CachedInputPerMillion) / Million;
            decimal output = tokens.Output * price.OutputPerMillion / Million;
            computed = new CostInfo(input, output, input + output);
        }

        if (upstreamCost is not { } reported || reported < 0)
        {
            return computed;
        }

        // Split the reported total in the table's input/output proportion when we know it; else all in total.
        if (computed is { Total: > 0 } c)
        {
            decimal input = reported * c.Input / c.Total;
            return new CostInfo(input, reported - input, reported);
        }

        return new CostInfo(0, 0, reported);
    }
}
