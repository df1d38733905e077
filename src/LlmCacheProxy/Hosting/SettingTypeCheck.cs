using System.ComponentModel;
using System.Globalization;
using System.Reflection;

namespace LlmCacheProxy.Hosting;

/// <summary>
/// Reads every typed setting of every options class (a class with a <c>SectionName</c>, its nested option objects,
/// list items and dictionary values) the way the configuration binder will, before anything binds. The binder
/// stops at the first value it cannot convert, with a stack trace; this lists them all, one line each, naming the
/// setting, what it accepts and the value. String settings are never read here, so no secret reaches the output.
/// </summary>
internal static class SettingTypeCheck
{
    public static IReadOnlyList<string> Check(IConfiguration configuration, Assembly assembly)
    {
        var errors = new List<string>();
        foreach (var type in assembly.GetTypes())
        {
            if (type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field &&
                field.GetRawConstantValue() is string section)
            {
                CheckObject(configuration.GetSection(section), type, errors);
            }
        }

        return errors;
    }

    private static void CheckObject(IConfigurationSection section, Type type, List<string> errors)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length == 0 && (property.CanWrite || !property.PropertyType.IsValueType))
            {
                CheckValue(section.GetSection(property.Name), property.PropertyType, errors);
            }
        }
    }

    private static void CheckValue(IConfigurationSection section, Type type, List<string> errors)
    {
        if (type == typeof(string) || !section.Exists())
        {
            return;
        }

        if (ElementType(type) is { } element)
        {
            foreach (var child in section.GetChildren())
            {
                CheckValue(child, element, errors);
            }

            return;
        }

        var target = Nullable.GetUnderlyingType(type) ?? type;
        var converter = TypeDescriptor.GetConverter(target);
        if (!converter.CanConvertFrom(typeof(string)))
        {
            if (target.IsClass)
            {
                CheckObject(section, target, errors);
            }

            return;
        }

        if (section.Value is not { } value || (value.Length == 0 && target != type))
        {
            return;
        }

        try
        {
            converter.ConvertFromInvariantString(value);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or NotSupportedException or OverflowException)
        {
            errors.Add($"{section.Path} must be {Accepted(target)} (got '{value}').");
        }
    }

    /// <summary>The item type of an array, list or set, or the value type of a dictionary; null for anything else.</summary>
    private static Type? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        if (!type.IsGenericType)
        {
            return null;
        }

        var arguments = type.GetGenericArguments();
        var definition = type.GetGenericTypeDefinition();
        if (arguments.Length == 2 && (definition == typeof(Dictionary<,>) || definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>)))
        {
            return arguments[1];
        }

        return arguments.Length == 1 && typeof(System.Collections.IEnumerable).IsAssignableFrom(type) ? arguments[0] : null;
    }

    public static string Accepted(Type type) => type switch
    {
        _ when type.IsEnum => "one of " + string.Join(", ", Enum.GetNames(type)),
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(int) || type == typeof(long) || type == typeof(short) =>
            string.Create(CultureInfo.InvariantCulture, $"a whole number ({type.GetField("MinValue")!.GetValue(null)} to {type.GetField("MaxValue")!.GetValue(null)})"),
        _ when type == typeof(uint) || type == typeof(ulong) => "a whole number, 0 or more",
        _ when type == typeof(double) || type == typeof(float) || type == typeof(decimal) => "a number, with '.' as the decimal point",
        _ when type == typeof(TimeSpan) => "a duration such as 00:00:30",
        _ when type == typeof(Uri) => "an absolute URL",
        _ => "a " + type.Name,
    };
}
