namespace LlmCacheProxy.Hosting;

internal static class StartupErrorExtensions
{
    /// <summary>
    /// Checks every typed setting before anything binds (all unreadable values reported together), and leaves the
    /// report of a failed start to Program.cs (see <see cref="StartupErrors"/>).
    /// </summary>
    public static WebApplicationBuilder CheckSettingsOrThrow(this WebApplicationBuilder builder)
    {
        var failures = SettingTypeCheck.Check(builder.Configuration, typeof(StartupErrors).Assembly);
        if (failures.Count > 0)
        {
            throw new StartupConfigurationException(failures);
        }

        builder.Logging.AddFilter(StartupErrors.HostCategory, LogLevel.Critical);
        return builder;
    }
}
