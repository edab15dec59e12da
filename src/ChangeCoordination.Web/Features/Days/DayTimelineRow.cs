using System.Globalization;
using ChangeCoordination.Core;
using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Web.Features.Changes;

namespace ChangeCoordination.Web.Features.Days;

/// <summary>One change as the day drill-down lists it; fields the viewer may not see are left as "—".</summary>
public sealed record DayTimelineRow(
    string Reference,
    string Organisation,
    string Type,
    DateTimeOffset Start,
    DateTimeOffset End,
    string Complexity,
    string Impact,
    RiskStatus? Risk,
    RiskStatus? Provisional,
    string Status)
{
    private const string Hidden = "—";

    public string Window => ChangeText.Window(Start, End);

    /// <summary>What the bar says: the organisation and the type, as the row shows them (another organisation's change only as that).</summary>
    public string Label => Type == Hidden ? Organisation : $"{Organisation} · {Type}";

    public static List<DayTimelineRow> From(DayResponse day)
    {
        var rows = new List<DayTimelineRow>();
        foreach (var change in day.Changes)
        {
            rows.Add(change switch
            {
                ChangeResponse c => new DayTimelineRow(
                    c.Reference,
                    c.Organisation,
                    ChangeText.Type(c.Type),
                    c.Start,
                    c.End,
                    c.Complexity.ToString(),
                    c.Impact.ToString(),
                    c.Risk ?? c.RiskRange.Lowest,
                    c.RiskRange.Highest,
                    ChangeText.Status(c.Status)),
                WindowOnlyChange w => new DayTimelineRow(Hidden, "Another organisation", Hidden, w.Start, w.End, Hidden, Hidden, null, null, Hidden),
                _ => throw new InvalidOperationException($"Unexpected change shape {change.GetType().Name}."),
            });
        }

        rows.AddRange(day.InternalChanges.Select(c => new DayTimelineRow(
            c.Reference,
            "DCC",
            (c.PlannedMaintenance ? "Planned Maintenance: " : "DCC change: ") + c.Title,
            c.Start,
            c.End,
            Hidden,
            $"score {c.ImpactScore} × {c.ProbabilityScore} = {c.Score}",
            c.Risk,
            c.Risk,
            c.Status)));
        return [.. rows.OrderBy(r => r.Start)];
    }

}
