using System.Text.Json;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Live;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ChangeCoordination.Web.Features.Changes;

namespace ChangeCoordination.Web.Hosting;

/// <summary>
/// The probes of a load balancer or orchestrator, anonymous and outside the API's rate limit. <c>/health/live</c>
/// checks nothing: it answers while the process does. <c>/health/ready</c> runs the checks tagged
/// <see cref="ReadyTag"/> (the database answers a query, the risk ledger is loaded, the live bus is connected) and
/// answers 503 when one fails; a lost bus is Degraded (200): the server still serves, without the other servers' writes;
/// so is a ledger that set aside rows it cannot apply.
/// Both answer <c>{ status, checks: [{ name, status, description }] }</c>; a description is fixed text, never an
/// exception's message, so no path, connection detail or personal data reaches a probe (the failure is logged).
/// </summary>
public static class Health
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    public const string ReadyTag = "ready";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static WebApplicationBuilder AddChangeCoordinationHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>(DatabaseHealthCheck.Name, tags: [ReadyTag], timeout: TimeSpan.FromSeconds(5))
            .AddCheck<RiskLedgerHealthCheck>(RiskLedgerHealthCheck.Name, tags: [ReadyTag])
            .AddCheck<LiveBusHealthCheck>(LiveBusHealthCheck.Name, tags: [ReadyTag]);
        return builder;
    }

    public static WebApplication MapChangeCoordinationHealth(this WebApplication app)
    {
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
            .AllowAnonymous()
            .DisableRateLimiting();
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync })
            .AllowAnonymous()
            .DisableRateLimiting();
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var answer = new HealthAnswer(
            report.Status.ToString(),
            [.. report.Entries.Select(e => new HealthCheckAnswer(e.Key, e.Value.Status.ToString(), e.Value.Description ?? ""))]);
        context.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(context.Response.Body, answer, Json, context.RequestAborted);
    }

    private sealed record HealthAnswer(string Status, IReadOnlyList<HealthCheckAnswer> Checks);

    private sealed record HealthCheckAnswer(string Name, string Status, string Description);
}

/// <summary>The database answers a cheap query on one of the app's own tables (so an empty file fails too).</summary>
internal sealed class DatabaseHealthCheck(IDbContextFactory<ChangeCoordinationDb> dbFactory) : IHealthCheck
{
    public const string Name = "database";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await db.MethodologyVersions.AnyAsync(cancellationToken);
            return HealthCheckResult.Healthy("The database answered a query.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException and not OutOfMemoryException)
        {
            return HealthCheckResult.Unhealthy("The database did not answer a query.", exception);
        }
    }
}

/// <summary>
/// The risk ledger, from which every heatmap is read, has been loaded from the database; Degraded when it set aside
/// stored rows it cannot apply (named by reference): the server serves, and those changes' days leave them out.
/// </summary>
internal sealed class RiskLedgerHealthCheck(RiskLedger ledger) : IHealthCheck
{
    public const string Name = "risk-ledger";

    private const int NamedAtMost = 20;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!ledger.IsLoaded)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The risk ledger has not been loaded yet."));
        }

        var setAside = ledger.SetAside;
        if (setAside.Count == 0)
        {
            return Task.FromResult(HealthCheckResult.Healthy("The risk ledger is loaded."));
        }

        var named = string.Join(", ", setAside.Take(NamedAtMost)) + (setAside.Count > NamedAtMost ? $" and {setAside.Count - NamedAtMost} more" : "");
        return Task.FromResult(HealthCheckResult.Degraded(
            $"The risk ledger is loaded but set aside {ChangeText.Plural(setAside.Count, "stored change")} it cannot apply, which no heatmap counts: {named}. Correct or cancel them (the log says why)."));
    }
}

/// <summary>
/// The live bus (Redis) between servers: Healthy when connected or when there is none (one server), Degraded when
/// lost. A degraded server stays in the load balancer: it serves its own writes and reads the others' when Redis returns.
/// </summary>
internal sealed class LiveBusHealthCheck(LiveBus bus) : IHealthCheck
{
    public const string Name = "live-bus";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = bus.Status;
        var since = status.Since.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        return Task.FromResult(status.State switch
        {
            LiveBusState.Off => HealthCheckResult.Healthy("No live bus is configured: one server hears all its writes itself."),
            LiveBusState.Connected => HealthCheckResult.Healthy($"{bus.ProbeName} is connected to the live bus since {since}."),
            _ => HealthCheckResult.Degraded($"{bus.ProbeName} has lost the live bus (Redis) since {since}: it shows its own writes only, and reads the other servers' when the bus returns."),
        });
    }
}
