using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;

namespace LlmCacheProxy.Admin;

/// <summary>
/// Wraps the web server so that <see cref="AdminQueryGuard.Redact"/> sees each request before ASP.NET Core's hosting
/// layer does: "Request starting ..." is logged when the request context is created, before any middleware or filter
/// runs, so redacting later would be too late. Costs a path check per request.
/// </summary>
internal sealed class AdminQueryRedactingServer(IServer inner, AdminQueryGuard guard) : IServer
{
    public IFeatureCollection Features => inner.Features;

    /// <summary>Replaces the registered <see cref="IServer"/> (Kestrel) with itself around it.</summary>
    public static void Decorate(IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IServer));
        if (registered is null)
        {
            return;
        }

        services.Remove(registered);
        services.AddSingleton<IServer>(sp => new AdminQueryRedactingServer(Create(sp, registered), sp.GetRequiredService<AdminQueryGuard>()));
    }

    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull =>
        inner.StartAsync(new Application<TContext>(application, guard), cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => inner.StopAsync(cancellationToken);

    public void Dispose() => inner.Dispose();

    private static IServer Create(IServiceProvider services, ServiceDescriptor registered) =>
        (IServer)(registered.ImplementationInstance
            ?? registered.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, registered.ImplementationType!));

    private sealed class Application<TContext>(IHttpApplication<TContext> inner, AdminQueryGuard guard) : IHttpApplication<TContext>
        where TContext : notnull
    {
        public TContext CreateContext(IFeatureCollection contextFeatures)
        {
            guard.Redact(contextFeatures);
            return inner.CreateContext(contextFeatures);
        }

        public Task ProcessRequestAsync(TContext context) => inner.ProcessRequestAsync(context);

        public void DisposeContext(TContext context, Exception? exception) => inner.DisposeContext(context, exception);
    }
}
