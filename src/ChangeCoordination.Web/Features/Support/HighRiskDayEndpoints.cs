using ChangeCoordination.Core;
using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Core.Heatmap;
using ChangeCoordination.Web.Api;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Identity;
using ChangeCoordination.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace ChangeCoordination.Web.Features.Support;

public sealed record HighRiskDayResponse(DateOnly Date, RiskStatus Status, int ChangeCount, int UnassessedCount, SupportPlanResponse? SupportPlan);

public static class HighRiskDayEndpoints
{
    public static IEndpointRouteBuilder MapHighRiskDayEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/high-risk-days", async (HttpContext context, RiskLedger ledger, IDbContextFactory<ChangeCoordinationDb> dbFactory, TimeProvider clock, string? from, string? to) =>
        {
            var errors = new FieldErrors();
            var today = LondonTime.DateOf(clock.GetUtcNow());
            var fromDate = InputParsing.Date(from, "from", errors) ?? today;
            var toDate = InputParsing.Date(to, "to", errors) ?? fromDate.AddDays(90);
            if (toDate < fromDate || toDate.DayNumber - fromDate.DayNumber > Heatmap.HeatmapEndpoints.MaxDays)
            {
                errors.Add("to", $"Give a range of at most {Heatmap.HeatmapEndpoints.MaxDays} days, earliest date first.");
            }

            if (errors.Any)
            {
                return errors.ToProblem();
            }

            var red = ledger.Range(HeatmapView.Overall, fromDate, toDate).Where(d => d.Status == RiskStatus.Red).ToList();
            await using var db = await dbFactory.CreateDbContextAsync(context.RequestAborted);
            var plans = await db.SupportPlans.AsNoTracking()
                .Where(p => p.Date >= fromDate && p.Date <= toDate)
                .ToDictionaryAsync(p => p.Date, context.RequestAborted);
            return Results.Ok(red.Select(d => new HighRiskDayResponse(
                d.Date,
                d.Status,
                d.ChangeCount,
                d.UnassessedCount,
                plans.TryGetValue(d.Date, out var plan) ? SupportPlanResponse.From(plan) : null)).ToList());
        })
        .RequireAuthorization(Policies.DccStaff)
        .WithTags("Support")
        .Produces<IReadOnlyList<HighRiskDayResponse>>()
        .WithSummary("Red days (Overall) with their support plans.");

        return app;
    }
}
