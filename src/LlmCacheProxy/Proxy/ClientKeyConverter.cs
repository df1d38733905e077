using System.ComponentModel;
using System.Globalization;

namespace LlmCacheProxy.Proxy;

/// <summary>Binds the plain-string form of a <c>Proxy:ClientKeys</c> entry: the key, granted no write controls.</summary>
internal sealed class ClientKeyConverter : TypeConverter
{
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) =>
        sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string key ? new ClientKey { Key = key } : base.ConvertFrom(context, culture, value);
}
