using System.Text;
using LlmCacheProxy.Admin;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace LlmCacheProxy.Analytics;

/// <summary><c>GET /admin/analytics</c>: JSON by default, the time series as CSV with <c>format=csv</c>.</summary>
internal sealed class AnalyticsEndpoints : IAdminEndpoints
{
    public void Map(RouteGroupBuilder admin) =>
        admin.MapGet("/analytics", Get).WithName("GetAnalytics");

    private static IResult Get(HttpRequest request, AnalyticsQuery query, TimeProvider time, ILogger<AnalyticsEndpoints> logger)
    {
        if (!AnalyticsRequest.TryParse(request.Query, time.GetUtcNow(), out var filter, out bool csv, out var errors))
        {
            return Results.ValidationProblem(errors, title: "Invalid analytics query");
        }

        AnalyticsReport report;
        try
        {
            report = query.Run(filter);
        }
        catch (SqliteException e)
        {
            AnalyticsLog.QueryFailed(logger, e);
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Analytics unavailable", detail: "The SQLite database could not be read.");
        }

        return csv
            ? Results.Text(AnalyticsCsv.Write(report), "text/csv; charset=utf-8", Encoding.UTF8)
            : Results.Bytes(AnalyticsJson.Write(report), "application/json; charset=utf-8");
    }
}
