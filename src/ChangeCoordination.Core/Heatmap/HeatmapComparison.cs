namespace ChangeCoordination.Core.Heatmap;

/// <summary>A day whose status (or what it may rise to) differs between two heatmaps of the same view.</summary>
public sealed record DayDifference(DateOnly Date, DayStatus Current, DayStatus Proposed)
{
    public bool StatusMoves => Current.Status != Proposed.Status;
}

/// <summary>How many days would go from one status to another.</summary>
public sealed record StatusMove(RiskStatus From, RiskStatus To, int Days);

/// <summary>What-if: the days a proposed methodology would change, and the moves counted by status.</summary>
public static class HeatmapComparison
{
    /// <summary>The days, matched by date, whose status or provisional status differs, in date order.</summary>
    public static IReadOnlyList<DayDifference> Differences(IReadOnlyList<DayStatus> current, IReadOnlyList<DayStatus> proposed)
    {
        var byDate = proposed.ToDictionary(d => d.Date);
        return [.. current
            .Where(d => byDate.ContainsKey(d.Date))
            .Select(d => new DayDifference(d.Date, d, byDate[d.Date]))
            .Where(d => d.Current.Status != d.Proposed.Status || d.Current.ProvisionalStatus != d.Proposed.ProvisionalStatus)
            .OrderBy(d => d.Date)];
    }

    /// <summary>The status moves, the biggest counts first (ties: the higher destination first).</summary>
    public static IReadOnlyList<StatusMove> Moves(IEnumerable<DayDifference> differences) =>
        [.. differences
            .Where(d => d.StatusMoves)
            .GroupBy(d => (d.Current.Status, d.Proposed.Status))
            .Select(g => new StatusMove(g.Key.Item1, g.Key.Item2, g.Count()))
            .OrderByDescending(m => m.Days)
            .ThenByDescending(m => m.To)
            .ThenBy(m => m.From)];
}
