using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LlmCacheProxy.Pricing;

internal static class PricingServiceCollectionExtensions
{
    /// <summary>The price table (config/pricing.json of the content root or beside the binary, reloaded on change) and the cost calculator.</summary>
    public static IServiceCollection AddPricing(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<PricingOptions>().BindConfiguration(PricingOptions.SectionName)
            .PostConfigure<IHostEnvironment>((o, host) => o.Path = string.IsNullOrWhiteSpace(o.Path) ? PricingOptions.DefaultFile(host.ContentRootPath) : o.Path)
            .Validate(o => o.ReloadCheckSeconds >= 0, "Pricing:ReloadCheckSeconds must be 0 or more.")
            .ValidateOnStart();
        services.AddSingleton<PriceTable>();
        services.AddSingleton<CostCalculator>();
        return services;
    }
}
