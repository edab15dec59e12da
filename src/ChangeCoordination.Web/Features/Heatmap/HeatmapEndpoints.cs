using ChangeCoordination.Core;
using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Core.Heatmap;
using ChangeCoordination.Core.Risk;
using ChangeCoordination.Web.Api;
using ChangeCoordination.Web.Features.Calendar;
using ChangeCoordination.Web.Features.Methodologies;
using ChangeCoordination.Web.Identity;
using ChangeCoordination.Web.Live;

namespace ChangeCoordination.Web.Features.Heatmap;

public sealed record HeatmapDayResponse(DateOnly Date, RiskStatus Status, RiskStatus ProvisionalStatus, int ChangeCount, int UnassessedCount)
{
    public static HeatmapDayResponse From(DayStatus day) => new(day.Date, day.Status, day.ProvisionalStatus, day.ChangeCount, day.UnassessedCount);
}

/// <summary><see cref="Methodology"/> is set on a what-if: the version every day of the answer was computed with.</summary>
public sealed record HeatmapResponse(string View, DateOnly From, DateOnly To, IReadOnlyList<HeatmapDayResponse> Days, string? Methodology = null);

public static class HeatmapEndpoints
{
    public const int MaxDays = 732;

    public static IEndpointRouteBuilder MapHeatmapEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/heatmap", async (HttpContext context, RiskLedger ledger, MethodologyService methodologies, RuleBook rules, TimeProvider clock, string? view, string? from, string? to, string? methodology) =>
        {
            var errors = new FieldErrors();
            var heatmapView = ParseView(view, errors);
            var now = clock.GetUtcNow();
            var today = LondonTime.DateOf(now);
            var fromDate = InputParsing.Date(from, "from", errors) ?? new DateOnly(today.Year, today.Month, 1);
            var fromReadable = rules.Horizon.CheckRead(fromDate, "from", now, errors);
            var toDate = InputParsing.Date(to, "to", errors) ?? (fromReadable ? fromDate.AddMonths(3).AddDays(-1) : fromDate);
            var readable = rules.Horizon.CheckRead(toDate, "to", now, errors) && fromReadable;
            if (readable && toDate < fromDate)
            {
                errors.Add("to", "'to' is before 'from': give the range earliest date first.");
            }
            else if (readable && toDate.DayNumber - fromDate.DayNumber + 1 > MaxDays)
            {
                errors.Add("to", $"A heatmap covers at most {MaxDays} days: ask for two years or less at a time.");
            }

            Methodology? preview = null;
            if (!string.IsNullOrWhiteSpace(methodology))
            {
                preview = await methodologies.MethodologyAsync(CallerBinding.Require(context), methodology.Trim(), context.RequestAborted);
                if (preview is null)
                {
                    errors.Add("methodology", $"There is no methodology version '{methodology}' you may read: see GET /api/v1/methodology/versions.");
                }
            }

            if (errors.Any)
            {
                return errors.ToProblem();
            }

            var statuses = preview is null ? ledger.Range(heatmapView, fromDate, toDate) : ledger.RangeUnder(preview, heatmapView, fromDate, toDate);
            var days = statuses.Select(HeatmapDayResponse.From).ToList();
            return Results.Ok(new HeatmapResponse(ViewName(heatmapView), fromDate, toDate, days, preview?.Version));
        })
        .RequireAuthorization(Policies.SignedIn)
        .WithTags("Heatmap")
        .Produces<HeatmapResponse>()
        .WithSummary("Day statuses of one heatmap (overall, user or internal), one entry per date, White days included; with methodology=<version>, every day as that version would compute it (a what-if).");

        return app;
    }

    public static string ViewName(HeatmapView view) => view.ToString().ToLowerInvariant();

    private static HeatmapView ParseView(string? view, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(view))
        {
            return HeatmapView.Overall;
        }

        if (Enum.GetNames<HeatmapView>().FirstOrDefault(candidate => string.Equals(candidate, view.Trim(), StringComparison.OrdinalIgnoreCase)) is { } name)
        {
            return Enum.Parse<HeatmapView>(name);
        }

        errors.Add("view", $"'{view}' is not a heatmap: use overall, user or internal.");
        return HeatmapView.Overall;
    }
}
