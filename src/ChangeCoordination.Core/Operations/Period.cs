namespace ChangeCoordination.Core.Operations;

/// <summary>A span of time [start, end); empty when end is not after start.</summary>
public readonly record struct Period(DateTimeOffset Start, DateTimeOffset End)
{
    public TimeSpan Length => End > Start ? End - Start : TimeSpan.Zero;

    public Period? Clip(Period bounds)
    {
        var start = Start > bounds.Start ? Start : bounds.Start;
        var end = End < bounds.End ? End : bounds.End;
        return end > start ? new Period(start, end) : null;
    }
}

/// <summary>Unions and differences of periods, for downtime that must never be counted twice.</summary>
public static class Periods
{
    /// <summary>The union as disjoint periods in order: overlapping or touching periods become one.</summary>
    public static List<Period> Union(IEnumerable<Period> periods)
    {
        var merged = new List<Period>();
        foreach (var period in periods.Where(p => p.End > p.Start).OrderBy(p => p.Start))
        {
            if (merged.Count > 0 && period.Start <= merged[^1].End)
            {
                if (period.End > merged[^1].End)
                {
                    merged[^1] = merged[^1] with { End = period.End };
                }
            }
            else
            {
                merged.Add(period);
            }
        }

        return merged;
    }

    /// <summary>What of <paramref name="periods"/> lies outside every one of <paramref name="removed"/>.</summary>
    public static List<Period> Subtract(IEnumerable<Period> periods, IEnumerable<Period> removed)
    {
        var holes = Union(removed);
        var result = new List<Period>();
        foreach (var period in Union(periods))
        {
            var start = period.Start;
            foreach (var hole in holes.Where(h => h.End > period.Start && h.Start < period.End))
            {
                if (hole.Start > start)
                {
                    result.Add(new Period(start, hole.Start));
                }

                start = hole.End > start ? hole.End : start;
            }

            if (period.End > start)
            {
                result.Add(new Period(start, period.End));
            }
        }

        return result;
    }

    public static TimeSpan Total(IEnumerable<Period> periods) => periods.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Length);
}
