namespace ChangeCoordination.Core.Operations;

/// <summary>What happened on one London day beside the status the heatmap predicted for it.</summary>
public sealed record DayOutcome(DateOnly Date, RiskStatus Predicted, int Incidents, TimeSpan Downtime, int Requests, int Failures);

/// <summary>
/// What happened on a group of days (all the Red days, or the days a change type touched): days, incidents,
/// unplanned downtime and the pooled failure share, and whether there are enough days to tell.
/// </summary>
public sealed record OutcomeGroup(
    string Key,
    int Days,
    int DaysWithIncident,
    int Incidents,
    decimal DowntimeHours,
    int Requests,
    int Failures)
{
    public double? IncidentsPerDay => Days == 0 ? null : (double)Incidents / Days;

    public double? DowntimeHoursPerDay => Days == 0 ? null : (double)DowntimeHours / Days;

    public double? FailureShare => Requests == 0 ? null : (double)Failures / Requests;

    /// <summary>Fewer than <see cref="Outcomes.MinimumDays"/> days tell nothing: one bad day would decide it.</summary>
    public bool EnoughToTell => Days >= Outcomes.MinimumDays;
}

public static class Outcomes
{
    /// <summary>A group needs this many days before its figures are compared.</summary>
    public const int MinimumDays = 5;

    public static OutcomeGroup Summarise(string key, IEnumerable<DayOutcome> days)
    {
        var list = days.ToList();
        return new OutcomeGroup(
            key,
            list.Count,
            list.Count(d => d.Incidents > 0),
            list.Sum(d => d.Incidents),
            Availabilities.Hours(list.Aggregate(TimeSpan.Zero, (sum, d) => sum + d.Downtime)),
            list.Sum(d => d.Requests),
            list.Sum(d => d.Failures));
    }

    /// <summary>One group per predicted status, White to Red, each present even when it has no day.</summary>
    public static IReadOnlyList<OutcomeGroup> ByStatus(IEnumerable<DayOutcome> days)
    {
        var list = days.ToList();
        return [.. Enum.GetValues<RiskStatus>().Select(s => Summarise(s.ToString(), list.Where(d => d.Predicted == s)))];
    }

    /// <summary>One group per key, over the days <paramref name="keysOf"/> gives that key (a day may fall in several).</summary>
    public static IReadOnlyList<OutcomeGroup> ByKeys(IEnumerable<DayOutcome> days, Func<DateOnly, IEnumerable<string>> keysOf)
    {
        var list = days.ToList();
        return [.. list
            .SelectMany(d => keysOf(d.Date).Distinct().Select(k => (Key: k, Day: d)))
            .GroupBy(x => x.Key, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Summarise(g.Key, g.Select(x => x.Day)))];
    }
}
