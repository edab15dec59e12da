using ChangeCoordination.Web.Identity;

namespace ChangeCoordination.Web.Features.Backups;

/// <summary>The backup feature's services and endpoints.</summary>
public static class BackupFeature
{
    public static WebApplicationBuilder AddBackups(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<BackupSettings>().BindConfiguration("Backup").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<DatabaseBackups>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DatabaseBackups>());
        return builder;
    }

    public static IEndpointRouteBuilder MapBackupEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/backups").WithTags("Backups").RequireAuthorization(Policies.SiteOwner);

        group.MapGet("/", (DatabaseBackups backups) => Results.Ok(backups.List()))
            .Produces<IReadOnlyList<BackupResponse>>()
            .WithSummary("The backups of the embedded database in the backup folder, newest first (Site Owner).");

        group.MapPost("/", async (DatabaseBackups backups, CancellationToken cancellationToken) =>
            backups.Available
                ? (IResult)TypedResults.Created((string?)null, await backups.MakeAsync(cancellationToken))
                : Results.Problem(
                    statusCode: StatusCodes.Status409Conflict,
                    title: "The app does not back PostgreSQL up",
                    detail: "This installation runs on PostgreSQL: back it up with pg_dump (docs/deploy.md, \"Backup and restore\")."))
            .Produces<BackupResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Back the embedded database up now, while writes go on (Site Owner).");

        return app;
    }
}
