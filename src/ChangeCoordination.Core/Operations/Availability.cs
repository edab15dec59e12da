namespace ChangeCoordination.Core.Operations;

/// <summary>Unplanned downtime and availability within one time-of-day band.</summary>
public sealed record BandAvailability(TimeBand Band, TimeSpan Uptime, TimeSpan UnplannedDowntime)
{
    public double Availability => Availabilities.Of(Uptime, UnplannedDowntime);

    public decimal DowntimeHours => Availabilities.Hours(UnplannedDowntime);
}

/// <summary>
/// A DCC service's end-to-end availability in one CSP region over a period (seed 004, Requirement 3):
/// availability = uptime / (uptime + unplanned downtime), Planned Maintenance excluded from both; MTTR is the
/// unplanned downtime per failure, MTBF the uptime per failure (both in hours, none without a failure).
/// </summary>
public sealed record ServiceAvailability(
    DccService Service,
    CspRegion Region,
    TimeSpan Uptime,
    TimeSpan UnplannedDowntime,
    TimeSpan PlannedMaintenance,
    int Failures,
    IReadOnlyList<BandAvailability> Bands,
    IReadOnlyList<Period> Downtime)
{
    public double Availability => Availabilities.Of(Uptime, UnplannedDowntime);

    public decimal DowntimeHours => Availabilities.Hours(UnplannedDowntime);

    public double? MttrHours => Failures == 0 ? null : UnplannedDowntime.TotalHours / Failures;

    public double? MtbfHours => Failures == 0 ? null : Uptime.TotalHours / Failures;
}

public static class Availabilities
{
    /// <summary>uptime / (uptime + unplanned downtime); a period wholly under Planned Maintenance counts as available.</summary>
    public static double Of(TimeSpan uptime, TimeSpan unplannedDowntime)
    {
        var counted = uptime + unplannedDowntime;
        return counted <= TimeSpan.Zero ? 1 : uptime / counted;
    }

    /// <summary>Downtime in hours to two decimals, cut not rounded, as seed 004 writes it: 235 minutes is 3.91 hours.</summary>
    public static decimal Hours(TimeSpan downtime) => Math.Floor((decimal)downtime.TotalMinutes * 100 / 60) / 100;

    /// <summary>
    /// The outages that take down <paramref name="service"/> in <paramref name="region"/>: those naming the service
    /// and the region, or no region (all regions). A service is down whenever any of its sub-systems is.
    /// </summary>
    public static IEnumerable<OutageRecord> Affecting(IEnumerable<OutageRecord> outages, DccService service, CspRegion region) =>
        outages.Where(o => o.Services.Contains(service) && (o.Region is null || o.Region == region));

    /// <summary>
    /// The availability of a service in a region over <paramref name="period"/>. <paramref name="outages"/> may hold
    /// any outages (those not affecting the service are ignored); <paramref name="plannedMaintenance"/> are the Forward
    /// Schedule of Change's Planned Maintenance windows for the service, excluded like a planned outage.
    /// </summary>
    public static ServiceAvailability Measure(
        DccService service,
        CspRegion region,
        Period period,
        IEnumerable<OutageRecord> outages,
        IEnumerable<Period> plannedMaintenance)
    {
        var affecting = Affecting(outages, service, region).ToList();
        var planned = Periods.Union(affecting.Where(o => o.Planned).Select(o => new Period(o.Start, o.End))
                .Concat(plannedMaintenance)
                .Select(p => p.Clip(period))
                .OfType<Period>());
        var unplanned = Periods.Subtract(
            affecting.Where(o => !o.Planned).Select(o => new Period(o.Start, o.End).Clip(period)).OfType<Period>(),
            planned);
        var up = Periods.Subtract([period], planned.Concat(unplanned));
        var upBands = TimeBands.Split(up);
        var downBands = TimeBands.Split(unplanned);
        return new ServiceAvailability(
            service,
            region,
            Periods.Total(up),
            Periods.Total(unplanned),
            Periods.Total(planned),
            unplanned.Count,
            [.. Enum.GetValues<TimeBand>().Select(b => new BandAvailability(b, upBands[b], downBands[b]))],
            unplanned);
    }

    /// <summary>
    /// The time within <paramref name="period"/> when at least one DCC service was down unplanned in at least one
    /// region: the disruption a day saw, counted once however many services or regions shared it.
    /// </summary>
    public static TimeSpan AnyServiceDown(Period period, IEnumerable<OutageRecord> outages, IEnumerable<(DccService Service, Period Window)> plannedMaintenance)
    {
        var outageList = outages.ToList();
        var maintenance = plannedMaintenance.ToList();
        var down = new List<Period>();
        foreach (var service in outageList.SelectMany(o => o.Services).Distinct())
        {
            foreach (var region in Enum.GetValues<CspRegion>())
            {
                down.AddRange(Measure(service, region, period, outageList, maintenance.Where(m => m.Service == service).Select(m => m.Window)).Downtime);
            }
        }

        return Periods.Total(Periods.Union(down));
    }
}
