using System.Collections;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Hosting;

/// <summary>
/// The configuration binder adds configured items to a collection's initial value (an array's default items stay
/// in front, a dictionary keeps its default entries), so a default could be added to but never removed. After
/// binding, every list or dictionary setting that configuration names (items, an empty value, or an empty JSON
/// array) is re-read so that it holds exactly what configuration says; an absent setting keeps its default.
/// Applies to every options class with a <c>SectionName</c>, and to the option objects nested in it.
/// </summary>
internal sealed class ConfiguredCollections<TOptions>(IConfiguration configuration) : IPostConfigureOptions<TOptions>
    where TOptions : class
{
    private static readonly string? Section =
        typeof(TOptions).Assembly == typeof(ConfiguredCollections<>).Assembly &&
        typeof(TOptions).GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field
            ? field.GetRawConstantValue() as string
            : null;

    public void PostConfigure(string? name, TOptions options)
    {
        if (Section is not null)
        {
            Replace(configuration.GetSection(Section), options);
        }
    }

    internal static void Replace(IConfigurationSection section, object target)
    {
        var named = section.GetChildren().Select(c => c.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var property in target.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || !named.Contains(property.Name) || property.GetValue(target) is not { } current)
            {
                continue;
            }

            var configured = section.GetSection(property.Name);
            switch (current)
            {
                case Array when property.CanWrite:
                    var items = configured.Get(property.PropertyType) as Array ?? Array.CreateInstance(property.PropertyType.GetElementType()!, 0);
                    property.SetValue(target, items);
                    break;
                case IDictionary dictionary:
                    dictionary.Clear(); // the same instance, so its key comparer stays
                    configured.Bind(dictionary);
                    break;
                case IList list:
                    list.Clear();
                    configured.Bind(list);
                    break;
                case string:
                    break;
                default:
                    if (property.PropertyType.IsClass && !typeof(IEnumerable).IsAssignableFrom(property.PropertyType))
                    {
                        Replace(configured, current);
                    }

                    break;
            }
        }
    }
}
