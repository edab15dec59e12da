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

    /// <summary>"Thu 12 Nov 20:45 – Fri 13 Nov 04:45 GMT": the end's date only when it differs, the zone once unless it changes.</summary>
    public string Window
    {
        get
        {
            var start = LondonTime.ToLondon(Start);
            var end = LondonTime.ToLondon(End);
            var startText = start.ToString("ddd d MMM HH:mm", UkEnglish);
            var endText = end.ToString(start.Date == end.Date ? "HH:mm" : "ddd d MMM HH:mm", UkEnglish);
            return start.Offset == end.Offset
                ? $"{startText} – {endText} {Zone(end)}"
                : $"{startText} {Zone(start)} – {endText} {Zone(end)}";
        }
    }

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
                    Words(c.Type),
                    c.Start,
                    c.End,
                    c.Complexity.ToString(),
                    c.Impact.ToString(),
                    c.Risk ?? c.RiskRange.Lowest,
                    c.RiskRange.Highest,
                    Words(c.Status)),
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

    private static readonly CultureInfo UkEnglish = CultureInfo.GetCultureInfo("en-GB");

    private static string Zone(DateTimeOffset london) => london.Offset == TimeSpan.Zero ? "GMT" : "BST";

    private static string Words<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        string.Concat(value.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));
}
