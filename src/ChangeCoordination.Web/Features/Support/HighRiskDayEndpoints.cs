using ChangeCoordination.Core;
using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Core.Heatmap;
using ChangeCoordination.Web.Api;
using ChangeCoordination.Web.Features.Calendar;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Identity;
using ChangeCoordination.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace ChangeCoordination.Web.Features.Support;

public sealed record HighRiskDayResponse(DateOnly Date, RiskStatus Status, int ChangeCount, int UnassessedCount, SupportPlanResponse? SupportPlan);

/// <summary>Red days (Overall) from the ledger, each with its support plan from the database.</summary>
public sealed class HighRiskDays(RiskLedger ledger, IDbContextFactory<ChangeCoordinationDb> dbFactory)
{
    public async Task<IReadOnlyList<HighRiskDayResponse>> ReadAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        Red(from, to, await PlansAsync(from, to, cancellationToken));

    /// <summary>The support plans of the days from <paramref name="from"/> to <paramref name="to"/>, by date.</summary>
    public async Task<IReadOnlyDictionary<DateOnly, SupportPlanResponse>> PlansAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.SupportPlans.AsNoTracking().Include(p => p.Log)
            .Where(p => p.Date >= from && p.Date <= to)
            .ToDictionaryAsync(p => p.Date, SupportPlanResponse.From, cancellationToken);
    }

    /// <summary>The red days as the ledger holds them now, each with its plan among <paramref name="plans"/>: nothing is read from the database.</summary>
    public IReadOnlyList<HighRiskDayResponse> Red(DateOnly from, DateOnly to, IReadOnlyDictionary<DateOnly, SupportPlanResponse> plans) =>
        [.. ledger.Range(HeatmapView.Overall, from, to).Where(d => d.Status == RiskStatus.Red).Select(d => new HighRiskDayResponse(
            d.Date,
            d.Status,
            d.ChangeCount,
            d.UnassessedCount,
            plans.GetValueOrDefault(d.Date)))];
}

public static class HighRiskDayEndpoints
{
    public static IEndpointRouteBuilder MapHighRiskDayEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/high-risk-days", async (HttpContext context, HighRiskDays highRiskDays, RuleBook rules, TimeProvider clock, string? from, string? to) =>
        {
            var errors = new FieldErrors();
            var now = clock.GetUtcNow();
            var today = LondonTime.DateOf(now);
            var fromDate = InputParsing.Date(from, "from", errors) ?? today;
            var fromReadable = rules.Horizon.CheckRead(fromDate, "from", now, errors);
            var toDate = InputParsing.Date(to, "to", errors) ?? (fromReadable ? fromDate.AddDays(90) : fromDate);
            var readable = rules.Horizon.CheckRead(toDate, "to", now, errors) && fromReadable;
            if (readable && (toDate < fromDate || toDate.DayNumber - fromDate.DayNumber > Heatmap.HeatmapEndpoints.MaxDays))
            {
                errors.Add("to", $"Give a range of at most {Heatmap.HeatmapEndpoints.MaxDays} days, earliest date first.");
            }

            return errors.Any
                ? errors.ToProblem()
                : Results.Ok(await highRiskDays.ReadAsync(fromDate, toDate, context.RequestAborted));
        })
        .RequireAuthorization(Policies.DccStaff)
        .WithTags("Support")
        .Produces<IReadOnlyList<HighRiskDayResponse>>()
        .WithSummary("Red days (Overall) with their support plans.");

        return app;
    }
}
