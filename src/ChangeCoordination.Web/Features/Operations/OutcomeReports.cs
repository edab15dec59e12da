using System.Globalization;
using ChangeCoordination.Core;
using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Core.Operations;
using ChangeCoordination.Core.Risk;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace ChangeCoordination.Web.Features.Operations;

public sealed record OutcomeDayResponse(DateOnly Date, RiskStatus Predicted, int Incidents, decimal DowntimeHours, int Requests, int Failures, double? FailureShare);

public sealed record OutcomeGroupResponse(
    string Key,
    int Days,
    int DaysWithIncident,
    int Incidents,
    double? IncidentsPerDay,
    decimal DowntimeHours,
    double? DowntimeHoursPerDay,
    int Requests,
    int Failures,
    double? FailureShare,
    bool EnoughToTell)
{
    public static OutcomeGroupResponse From(OutcomeGroup g) =>
        new(g.Key, g.Days, g.DaysWithIncident, g.Incidents, g.IncidentsPerDay, g.DowntimeHours, g.DowntimeHoursPerDay, g.Requests, g.Failures, g.FailureShare, g.EnoughToTell);
}

/// <summary>Prediction against outcome: what happened on the days of each predicted status, change type and organisation.</summary>
public sealed record OutcomesResponse(
    DateOnly From,
    DateOnly To,
    int MinimumDays,
    int DaysWithData,
    string Verdict,
    IReadOnlyList<OutcomeGroupResponse> ByStatus,
    IReadOnlyList<OutcomeGroupResponse> ByChangeType,
    IReadOnlyList<OutcomeGroupResponse> ByOrganisation,
    IReadOnlyList<OutcomeDayResponse> Days);

/// <summary>
/// Compares what happened with what the heatmap predicted. Statuses come from the risk ledger (the Overall view);
/// only days with at least one operational record count, since a day without one is a day the data does not cover.
/// </summary>
public sealed class OutcomeReports(OperationsStore store, RiskLedger ledger, IDbContextFactory<ChangeCoordinationDb> dbFactory)
{
    public const int MaxDays = 400;
    public const string InternalKey = "DCC internal";
    public const string DccKey = "DCC";

    public async Task<OutcomesResponse> BuildAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var period = new Period(LondonTime.StartOf(from), LondonTime.StartOf(to.AddDays(1)));
        var data = await store.LoadAsync(period, cancellationToken);
        var days = data.Days().Where(data.Covers).Select(d => data.OutcomeOf(d, ledger.Get(HeatmapView.Overall, d).Status)).ToList();

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (start, end) = (period.Start, period.End);
        var external = await db.Changes.AsNoTracking()
            .Where(c => c.Status != ChangeStatus.Cancelled && c.Start < end && c.End > start)
            .Select(c => new { c.Type, c.Start, c.End, Organisation = c.Organisation!.Name })
            .ToListAsync(cancellationToken);
        var internalChanges = await db.InternalChanges.AsNoTracking()
            .Where(c => c.Status == InternalChangeStatus.Scheduled && c.Start < end && c.End > start)
            .Select(c => new { c.Start, c.End })
            .ToListAsync(cancellationToken);
        var types = new Dictionary<DateOnly, List<string>>();
        var organisations = new Dictionary<DateOnly, List<string>>();
        void Add(Dictionary<DateOnly, List<string>> keys, DateTimeOffset s, DateTimeOffset e, string key)
        {
            foreach (var day in LondonTime.DaysCovered(new OutageWindow(s, e)))
            {
                (keys.TryGetValue(day, out var list) ? list : keys[day] = []).Add(key);
            }
        }

        foreach (var change in external)
        {
            Add(types, change.Start, change.End, change.Type.ToString());
            Add(organisations, change.Start, change.End, change.Organisation);
        }

        foreach (var change in internalChanges)
        {
            Add(types, change.Start, change.End, InternalKey);
            Add(organisations, change.Start, change.End, DccKey);
        }

        var byStatus = Outcomes.ByStatus(days);
        return new OutcomesResponse(
            from,
            to,
            Outcomes.MinimumDays,
            days.Count,
            Verdict(byStatus.Single(g => g.Key == nameof(RiskStatus.Red)), byStatus.Single(g => g.Key == nameof(RiskStatus.Green))),
            [.. byStatus.Select(OutcomeGroupResponse.From)],
            [.. Outcomes.ByKeys(days, d => types.GetValueOrDefault(d) ?? []).Select(OutcomeGroupResponse.From)],
            [.. Outcomes.ByKeys(days, d => organisations.GetValueOrDefault(d) ?? []).Select(OutcomeGroupResponse.From)],
            [.. days.Select(d => new OutcomeDayResponse(d.Date, d.Predicted, d.Incidents, Availabilities.Hours(d.Downtime), d.Requests, d.Failures, d.Requests == 0 ? null : (double)d.Failures / d.Requests))]);
    }

    /// <summary>Red days against Green days in plain words, or plainly that there are too few days to tell.</summary>
    public static string Verdict(OutcomeGroup red, OutcomeGroup green)
    {
        if (!red.EnoughToTell || !green.EnoughToTell)
        {
            return $"Too few days to tell: {Days(red.Days)} Red and {Days(green.Days)} Green with operational data in this period; "
                + $"at least {Outcomes.MinimumDays} of each are needed before Red and Green days are compared. Widen the period.";
        }

        var worse = new[]
        {
            red.IncidentsPerDay > green.IncidentsPerDay,
            red.DowntimeHoursPerDay > green.DowntimeHoursPerDay,
            red.FailureShare > green.FailureShare,
        }.Count(w => w);
        return string.Create(UkEnglish.Culture, $"Red days ({red.Days}) saw {red.IncidentsPerDay:0.##} incidents and {red.DowntimeHoursPerDay:0.##} hours of unplanned downtime a day, ")
            + string.Create(UkEnglish.Culture, $"against {green.IncidentsPerDay:0.##} and {green.DowntimeHoursPerDay:0.##} on Green days ({green.Days}); ")
            + string.Create(UkEnglish.Culture, $"failure share {Share(red.FailureShare)} against {Share(green.FailureShare)}. ")
            + (worse switch
            {
                3 => "Red days were worse on all three measures.",
                0 => "Red days were no worse on any measure: the ratings did not foretell disruption in this period.",
                _ => $"Red days were worse on {worse} of the three measures.",
            });
    }

    private static string Days(int count) => count == 1 ? "1 day" : $"{count} days";

    private static string Share(double? share) => share is { } s ? s.ToString("0.00%", CultureInfo.InvariantCulture) : "no requests";
}
