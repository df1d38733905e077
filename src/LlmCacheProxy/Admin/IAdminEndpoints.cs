namespace LlmCacheProxy.Admin;

/// <summary>A feature's admin endpoints (cache, analytics, dashboard), mapped into the authenticated group.</summary>
internal interface IAdminEndpoints
{
    void Map(RouteGroupBuilder admin);
}
