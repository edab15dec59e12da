using ChangeCoordination.Core.Heatmap;
using ChangeCoordination.Web.Data;

namespace ChangeCoordination.Web.Features.Methodologies;

/// <summary>The words the methodology pages use for dates, states and what-if counts.</summary>
public static class MethodologyText
{
    public static string Date(DateOnly date) => date.ToString("ddd d MMM yyyy", UkEnglish.Culture);

    /// <summary>An instant as UK time: "Tue 1 Dec 2026, 10:00".</summary>
    public static string When(DateTimeOffset instant) => Core.Calendar.LondonTime.ToLondon(instant).ToString("ddd d MMM yyyy, HH:mm", UkEnglish.Culture);

    public static string State(MethodologyVersionResponse version, DateOnly today) => version.State switch
    {
        MethodologyState.Approved when version.InForce => "In force",
        MethodologyState.Approved when version.EffectiveFrom is { } from && from > today => $"Approved: takes force {Date(from)}",
        MethodologyState.Approved => "Superseded",
        MethodologyState.Consultation => "In consultation",
        MethodologyState.Draft => "Draft",
        _ => "Withdrawn",
    };

    /// <summary>What-if in words: "14 days Amber to Red and 2 days Red to Amber over the next 3 months."</summary>
    public static string WhatIf(IReadOnlyList<DayDifference> differences, string period)
    {
        var moves = HeatmapComparison.Moves(differences);
        var riseOnly = differences.Count(d => !d.StatusMoves);
        if (differences.Count == 0)
        {
            return $"No day would change {period}.";
        }

        var text = moves.Count == 0
            ? $"No day's status would change {period}"
            : $"{Join([.. moves.Select(m => $"{Days(m.Days)} {m.From} to {m.To}")])} {period}";
        if (riseOnly > 0)
        {
            text += $"; {Days(riseOnly)} would change only in what {(riseOnly == 1 ? "it" : "they")} may rise to";
        }

        return text + ".";
    }

    private static string Days(int count) => count == 1 ? "1 day" : $"{count} days";

    private static string Join(IReadOnlyList<string> parts) =>
        parts.Count == 1 ? parts[0] : $"{string.Join(", ", parts.Take(parts.Count - 1))} and {parts[^1]}";
}
