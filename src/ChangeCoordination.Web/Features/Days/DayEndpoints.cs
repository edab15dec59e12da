using ChangeCoordination.Core;
using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Web.Api;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Features.Calendar;
using ChangeCoordination.Web.Features.Changes;
using ChangeCoordination.Web.Features.Heatmap;
using ChangeCoordination.Web.Features.InternalChanges;
using ChangeCoordination.Web.Features.Operations;
using ChangeCoordination.Web.Features.Support;
using ChangeCoordination.Web.Identity;
using ChangeCoordination.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace ChangeCoordination.Web.Features.Days;

public sealed record DayResponse(
    DateOnly Date,
    HeatmapDayResponse Overall,
    HeatmapDayResponse User,
    HeatmapDayResponse Internal,
    bool WorkingDay,
    string? BankHoliday,
    IReadOnlyList<DayChange> Changes,
    IReadOnlyList<InternalChangeResponse> InternalChanges,
    SupportPlanResponse? SupportPlan,
    DayOperationsResponse? WhatHappened);

public static class DayEndpoints
{
    public static IEndpointRouteBuilder MapDayEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/days/{date}", async (
            HttpContext context,
            string date,
            DayReader reader,
            RuleBook rules,
            TimeProvider clock) =>
        {
            var errors = new FieldErrors();
            if (InputParsing.Date(date, "date", errors) is not { } day)
            {
                return errors.Any ? errors.ToProblem() : Problems.NotFound("day");
            }

            if (!rules.Horizon.CheckRead(day, "date", clock.GetUtcNow(), errors))
            {
                return errors.ToProblem();
            }

            return Results.Ok(await reader.ReadAsync(CallerBinding.Require(context), day, context.RequestAborted));
        })
        .RequireAuthorization(Policies.SignedIn)
        .WithTags("Days")
        .Produces<DayResponse>()
        .WithSummary("One day: its three statuses, the changes in it (as the caller may see them), its support plan, and for DCC staff what happened (incidents, downtime, failures).");

        return app;
    }
}

/// <summary>Everything about one day, for the API and the drill-down page.</summary>
public sealed class DayReader(
    RiskLedger ledger,
    ChangeService changes,
    InternalChangeService internalChanges,
    RuleBook rules,
    OperationsStore operations,
    IDbContextFactory<ChangeCoordinationDb> dbFactory)
{
    /// <param name="readInView">The changes the calling view has shown already, which are not audited as read again.</param>
    public async Task<DayResponse> ReadAsync(Caller caller, DateOnly day, CancellationToken cancellationToken, ISet<string>? readInView = null)
    {
        var start = LondonTime.StartOf(day);
        var end = LondonTime.StartOf(day.AddDays(1));
        var external = await changes.OverlappingAsync(caller, start, end, cancellationToken, readInView);
        var internalList = await internalChanges.ListAsync(day, day, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var plan = caller.IsDccStaff || caller.Role == PartyRole.WallDisplay
            ? await db.SupportPlans.AsNoTracking().Include(p => p.Log).SingleOrDefaultAsync(p => p.Date == day, cancellationToken)
            : null;
        return new DayResponse(
            day,
            HeatmapDayResponse.From(ledger.Get(HeatmapView.Overall, day)),
            HeatmapDayResponse.From(ledger.Get(HeatmapView.User, day)),
            HeatmapDayResponse.From(ledger.Get(HeatmapView.Internal, day)),
            rules.Calendar.IsWorkingDay(day),
            rules.Calendar.BankHolidayOn(day)?.Name,
            external,
            [.. internalList.Where(c => c.Status == nameof(InternalChangeStatus.Scheduled))],
            plan is null ? null : SupportPlanResponse.From(plan),
            caller.IsDccStaff
                ? DayOperationsResponse.From(day, ledger.Get(HeatmapView.Overall, day).Status, await operations.LoadAsync(OperationalData.DayPeriod(day), cancellationToken))
                : null);
    }
}
