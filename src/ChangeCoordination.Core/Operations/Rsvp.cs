namespace ChangeCoordination.Core.Operations;

/// <summary>
/// Rate, Speed, Volume and Payload of a group of service requests (seed 004, Requirement 1): volume, mean and median
/// round trip, its range, the share within the Target Response Time and the failure share. Shares are in [0, 1];
/// times in seconds. An empty group has volume 0 and no times.
/// </summary>
public sealed record RsvpFigures(
    int Volume,
    double? MeanSeconds,
    double? MedianSeconds,
    double? MinSeconds,
    double? MaxSeconds,
    int WithinTarget,
    int Failures)
{
    public double? WithinTargetShare => Volume == 0 ? null : (double)WithinTarget / Volume;

    public double? FailureShare => Volume == 0 ? null : (double)Failures / Volume;
}

public static class Rsvp
{
    /// <summary>
    /// The figures for the given requests against a table of variants; a request of a variant outside the table counts
    /// in volume and payload but, having no Target Response Time, never as within target.
    /// </summary>
    public static RsvpFigures Measure(IEnumerable<ServiceRequestRecord> records, VariantRules rules)
    {
        var list = records as IReadOnlyCollection<ServiceRequestRecord> ?? [.. records];
        if (list.Count == 0)
        {
            return new RsvpFigures(0, null, null, null, null, 0, 0);
        }

        var seconds = list.Select(r => r.RoundTrip.TotalSeconds).Order().ToArray();
        var within = list.Count(r => rules.Find(r.Srv) is { } rule && r.RoundTrip <= rule.TargetResponseTime);
        return new RsvpFigures(
            list.Count,
            seconds.Average(),
            Median(seconds),
            seconds[0],
            seconds[^1],
            within,
            list.Count(ServiceRequestVariants.IsFailure));
    }

    /// <summary>The middle value of sorted values; the mean of the two middle ones for an even count.</summary>
    public static double Median(IReadOnlyList<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}
