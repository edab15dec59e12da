namespace ChangeCoordination.Core.Operations;

/// <summary>The initial response and resolution targets of an incident category, in elapsed time.</summary>
public sealed record IncidentTarget(int Category, TimeSpan Response, TimeSpan Resolution);

/// <summary>
/// One category's CPM5 figures (seed 004, Requirement 5) for the incidents raised in a period: how many, how many met
/// the initial response target and the resolution target, how many are still open, and the resolution times.
/// </summary>
public sealed record CategoryFigures(
    int Category,
    int Raised,
    int ResponseMet,
    int ResolutionMet,
    int Unresolved,
    double? MeanResolutionHours,
    double? MedianResolutionHours,
    double? MaxResolutionHours);

public static class Incidents
{
    /// <summary>
    /// The targets this product applies, category 1 the most severe. The seed points at SEC Appendix AG without
    /// quoting it; docs/operations.md records these defaults.
    /// </summary>
    public static IReadOnlyList<IncidentTarget> Targets { get; } =
    [
        new(1, TimeSpan.FromMinutes(30), TimeSpan.FromHours(4)),
        new(2, TimeSpan.FromHours(1), TimeSpan.FromHours(8)),
        new(3, TimeSpan.FromHours(4), TimeSpan.FromHours(24)),
        new(4, TimeSpan.FromHours(8), TimeSpan.FromHours(72)),
        new(5, TimeSpan.FromHours(24), TimeSpan.FromHours(120)),
    ];

    /// <summary>The categories CPM5 reports individually: 3, 4 and 5.</summary>
    public static readonly int[] Cpm5Categories = [3, 4, 5];

    public static IncidentTarget TargetFor(int category) => Targets[category - 1];

    public static bool MetResponse(IncidentRecord incident) =>
        incident.Responded is { } responded && responded - incident.Opened <= TargetFor(incident.Category).Response;

    public static bool MetResolution(IncidentRecord incident) =>
        incident.Resolved is { } resolved && resolved - incident.Opened <= TargetFor(incident.Category).Resolution;

    /// <summary>
    /// CPM5 per category 3, 4 and 5: the incidents raised in <paramref name="period"/> for which the DCC is the
    /// Responsible Party.
    /// </summary>
    public static IReadOnlyList<CategoryFigures> Cpm5(IEnumerable<IncidentRecord> incidents, Period period)
    {
        var raised = incidents
            .Where(i => i.ResponsibleParty == ResponsibleParty.Dcc && i.Opened >= period.Start && i.Opened < period.End)
            .ToList();
        return [.. Cpm5Categories.Select(category => Figures(category, raised.Where(i => i.Category == category).ToList()))];
    }

    public static CategoryFigures Figures(int category, IReadOnlyCollection<IncidentRecord> incidents)
    {
        var hours = incidents.Where(i => i.Resolved is not null).Select(i => (i.Resolved!.Value - i.Opened).TotalHours).Order().ToArray();
        return new CategoryFigures(
            category,
            incidents.Count,
            incidents.Count(MetResponse),
            incidents.Count(MetResolution),
            incidents.Count(i => i.Resolved is null),
            hours.Length == 0 ? null : hours.Average(),
            hours.Length == 0 ? null : Rsvp.Median(hours),
            hours.Length == 0 ? null : hours[^1]);
    }
}
