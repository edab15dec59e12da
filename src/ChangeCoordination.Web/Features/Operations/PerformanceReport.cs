using System.Globalization;
using ChangeCoordination.Core;
using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Core.Operations;

namespace ChangeCoordination.Web.Features.Operations;

public sealed record RsvpRow(
    BusinessProcess Process,
    SmetsGeneration Smets,
    CspRegion Region,
    int Volume,
    double? MeanSeconds,
    double? MedianSeconds,
    double? MinSeconds,
    double? MaxSeconds,
    double? WithinTargetShare,
    double? FailureShare);

/// <summary>One day's RSVP for a process, SMETS generation and CSP region, with the counts behind its shares.</summary>
public sealed record RsvpDay(
    DateOnly Date,
    BusinessProcess Process,
    SmetsGeneration Smets,
    CspRegion Region,
    int Volume,
    double? MeanSeconds,
    double? MedianSeconds,
    int WithinTarget,
    int Failures,
    double? WithinTargetShare,
    double? FailureShare);

public sealed record BandRow(TimeBand Band, double Availability, decimal DowntimeHours);

public sealed record AvailabilityRow(
    DccService Service,
    CspRegion Region,
    double Availability,
    decimal DowntimeHours,
    decimal PlannedMaintenanceHours,
    int Failures,
    double? MttrHours,
    double? MtbfHours,
    IReadOnlyList<BandRow> Bands);

public sealed record AvailabilityDay(DateOnly Date, DccService Service, double Availability, decimal DowntimeHours);

public sealed record IncidentCategoryRow(
    int Category,
    int Raised,
    int ResponseMet,
    int ResolutionMet,
    int Unresolved,
    double? MeanResolutionHours,
    double? MedianResolutionHours,
    double? MaxResolutionHours,
    double ResponseTargetHours,
    double ResolutionTargetHours);

public sealed record IncidentCountRow(int Category, int Raised, int DccResponsible);

/// <summary>The monthly Performance Measurement Report of seed 004: RSVP per business process, availability, CPM5.</summary>
public sealed record PerformanceReportResponse(
    string Month,
    DateOnly From,
    DateOnly To,
    DateOnly? DataThrough,
    int ServiceRequests,
    int Outages,
    int Incidents,
    IReadOnlyList<RsvpRow> Rsvp,
    IReadOnlyList<RsvpDay> RsvpDaily,
    IReadOnlyList<AvailabilityRow> Availability,
    IReadOnlyList<AvailabilityDay> AvailabilityDaily,
    IReadOnlyList<IncidentCategoryRow> Cpm5,
    IReadOnlyList<IncidentCountRow> IncidentsByCategory);

/// <summary>Builds the monthly report from the month's records whenever it is asked for: it is ready as soon as the data is in.</summary>
public sealed class PerformanceReports(OperationsStore store, VariantBook variants)
{
    /// <summary>The five DCC services of seed 004, Requirement 3 (Other, the systems behind them, has no availability of its own).</summary>
    public static readonly DccService[] Services = [.. Enum.GetValues<DccService>().Where(s => s != DccService.Other)];

    /// <summary>The first day of the latest month up to <paramref name="now"/> that holds any operational record, or null before any import.</summary>
    public async Task<DateOnly?> LatestMonthAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        await store.LatestAsync(now, cancellationToken) is { } latest && LondonTime.DateOf(latest) is var day
            ? new DateOnly(day.Year, day.Month, 1)
            : null;

    public async Task<PerformanceReportResponse> BuildAsync(int year, int month, CancellationToken cancellationToken)
    {
        var first = new DateOnly(year, month, 1);
        var next = first.AddMonths(1);
        var data = await store.LoadAsync(new Period(LondonTime.StartOf(first), LondonTime.StartOf(next)), cancellationToken);
        return Build(first, data, variants.Rules);
    }

    public static PerformanceReportResponse Build(DateOnly first, OperationalData data, VariantRules rules)
    {
        var requests = data.Requests.Select(r => r.ToRecord()).ToList();

        // A request whose variant has since been taken out of the table belongs to no process: it is left out of RSVP.
        var mapped = requests
            .Select(r => (Request: r, Rule: rules.Find(r.Srv)))
            .Where(r => r.Rule is not null)
            .Select(r => (r.Request, r.Rule!.Process))
            .ToList();
        var outages = data.OutageRecords.ToList();
        var incidents = data.Incidents.Select(i => i.ToRecord()).ToList();
        var lastRecord = new[]
        {
            data.Requests.Select(r => (DateTimeOffset?)r.Received).Max(),
            data.Outages.Select(o => (DateTimeOffset?)o.End).Max(),
            data.Incidents.Select(i => (DateTimeOffset?)i.Opened).Max(),
        }.Max();

        return new PerformanceReportResponse(
            first.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            first,
            first.AddMonths(1).AddDays(-1),
            lastRecord is { } last ? Min(LondonTime.DateOf(last), first.AddMonths(1).AddDays(-1)) : null,
            requests.Count,
            outages.Count,
            incidents.Count,
            [.. mapped
                .GroupBy(r => (r.Process, r.Request.Smets, r.Request.Region), r => r.Request)
                .OrderBy(g => g.Key)
                .Select(g => ToRow(g.Key.Process, g.Key.Smets, g.Key.Region, Rsvp.Measure(g, rules)))],
            [.. mapped
                .GroupBy(r => (Date: LondonTime.DateOf(r.Request.Received), r.Process, r.Request.Smets, r.Request.Region), r => r.Request)
                .OrderBy(g => g.Key)
                .Select(g => ToDay(g.Key.Date, g.Key.Process, g.Key.Smets, g.Key.Region, Rsvp.Measure(g, rules)))],
            [.. Services.SelectMany(service => Enum.GetValues<CspRegion>().Select(region =>
                ToRow(Availabilities.Measure(service, region, data.Period, outages, data.MaintenanceOf(service)))))],
            [.. data.Days().SelectMany(day => Services.Select(service => Daily(day, service, outages, data.MaintenanceOf(service).ToList())))],
            [.. Incidents.Cpm5(incidents, data.Period).Select(f => ToRow(f))],
            [.. Enumerable.Range(1, 5).Select(c => new IncidentCountRow(c, incidents.Count(i => i.Category == c), incidents.Count(i => i.Category == c && i.ResponsibleParty == ResponsibleParty.Dcc)))]);
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static RsvpRow ToRow(BusinessProcess process, SmetsGeneration smets, CspRegion region, RsvpFigures f) =>
        new(process, smets, region, f.Volume, f.MeanSeconds, f.MedianSeconds, f.MinSeconds, f.MaxSeconds, f.WithinTargetShare, f.FailureShare);

    private static RsvpDay ToDay(DateOnly date, BusinessProcess process, SmetsGeneration smets, CspRegion region, RsvpFigures f) =>
        new(date, process, smets, region, f.Volume, f.MeanSeconds, f.MedianSeconds, f.WithinTarget, f.Failures, f.WithinTargetShare, f.FailureShare);

    private static AvailabilityRow ToRow(ServiceAvailability a) =>
        new(a.Service, a.Region, a.Availability, a.DowntimeHours, Availabilities.Hours(a.PlannedMaintenance), a.Failures, a.MttrHours, a.MtbfHours,
            [.. a.Bands.Select(b => new BandRow(b.Band, b.Availability, b.DowntimeHours))]);

    private static IncidentCategoryRow ToRow(CategoryFigures f)
    {
        var target = Incidents.TargetFor(f.Category);
        return new IncidentCategoryRow(f.Category, f.Raised, f.ResponseMet, f.ResolutionMet, f.Unresolved, f.MeanResolutionHours, f.MedianResolutionHours, f.MaxResolutionHours, target.Response.TotalHours, target.Resolution.TotalHours);
    }

    /// <summary>A service's availability on one day with the three regions pooled: their uptimes and downtimes summed.</summary>
    private static AvailabilityDay Daily(DateOnly day, DccService service, List<OutageRecord> outages, List<Period> maintenance)
    {
        var period = OperationalData.DayPeriod(day);
        var regions = Enum.GetValues<CspRegion>().Select(region => Availabilities.Measure(service, region, period, outages, maintenance)).ToList();
        var up = regions.Aggregate(TimeSpan.Zero, (s, r) => s + r.Uptime);
        var down = regions.Aggregate(TimeSpan.Zero, (s, r) => s + r.UnplannedDowntime);
        return new AvailabilityDay(day, service, Availabilities.Of(up, down), Availabilities.Hours(down));
    }

    /// <summary>The report as one CSV table, a figure a row: section, what it is about, the measure and its value.</summary>
    public static string ToCsv(PerformanceReportResponse report)
    {
        static string N(double? value) => value?.ToString("0.####", CultureInfo.InvariantCulture) ?? "";
        static string D(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
        static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var rows = new List<IReadOnlyList<string?>>();
        foreach (var r in report.Rsvp)
        {
            var about = $"{r.Process} {r.Smets} {r.Region}";
            rows.Add(["RSVP", about, report.Month, "volume", r.Volume.ToString(CultureInfo.InvariantCulture)]);
            rows.Add(["RSVP", about, report.Month, "mean RTT (s)", N(r.MeanSeconds)]);
            rows.Add(["RSVP", about, report.Month, "median RTT (s)", N(r.MedianSeconds)]);
            rows.Add(["RSVP", about, report.Month, "min RTT (s)", N(r.MinSeconds)]);
            rows.Add(["RSVP", about, report.Month, "max RTT (s)", N(r.MaxSeconds)]);
            rows.Add(["RSVP", about, report.Month, "within target share", N(r.WithinTargetShare)]);
            rows.Add(["RSVP", about, report.Month, "failure share", N(r.FailureShare)]);
        }

        foreach (var d in report.RsvpDaily)
        {
            var about = $"{d.Process} {d.Smets} {d.Region}";
            rows.Add(["RSVP daily", about, Date(d.Date), "volume", d.Volume.ToString(CultureInfo.InvariantCulture)]);
            rows.Add(["RSVP daily", about, Date(d.Date), "mean RTT (s)", N(d.MeanSeconds)]);
            rows.Add(["RSVP daily", about, Date(d.Date), "median RTT (s)", N(d.MedianSeconds)]);
            rows.Add(["RSVP daily", about, Date(d.Date), "within target share", N(d.WithinTargetShare)]);
            rows.Add(["RSVP daily", about, Date(d.Date), "failure share", N(d.FailureShare)]);
        }

        foreach (var a in report.Availability)
        {
            var about = $"{a.Service} {a.Region}";
            rows.Add(["Availability", about, report.Month, "availability", N(a.Availability)]);
            rows.Add(["Availability", about, report.Month, "unplanned downtime (h)", D(a.DowntimeHours)]);
            rows.Add(["Availability", about, report.Month, "planned maintenance (h)", D(a.PlannedMaintenanceHours)]);
            rows.Add(["Availability", about, report.Month, "failures", a.Failures.ToString(CultureInfo.InvariantCulture)]);
            rows.Add(["Availability", about, report.Month, "MTTR (h)", N(a.MttrHours)]);
            rows.Add(["Availability", about, report.Month, "MTBF (h)", N(a.MtbfHours)]);
            rows.AddRange(a.Bands.Select(b => (IReadOnlyList<string?>)["Availability", $"{about} {b.Band}", report.Month, "availability", N(b.Availability)]));
        }

        foreach (var d in report.AvailabilityDaily)
        {
            rows.Add(["Availability daily", d.Service.ToString(), Date(d.Date), "availability", N(d.Availability)]);
        }

        foreach (var c in report.Cpm5)
        {
            var about = $"Category {c.Category}";
            rows.Add(["CPM5", about, report.Month, "raised", c.Raised.ToString(CultureInfo.InvariantCulture)]);
            rows.Add(["CPM5", about, report.Month, "met initial response target", c.ResponseMet.ToString(CultureInfo.InvariantCulture)]);
            rows.Add(["CPM5", about, report.Month, "met resolution target", c.ResolutionMet.ToString(CultureInfo.InvariantCulture)]);
            rows.Add(["CPM5", about, report.Month, "unresolved", c.Unresolved.ToString(CultureInfo.InvariantCulture)]);
            rows.Add(["CPM5", about, report.Month, "mean resolution (h)", N(c.MeanResolutionHours)]);
            rows.Add(["CPM5", about, report.Month, "median resolution (h)", N(c.MedianResolutionHours)]);
            rows.Add(["CPM5", about, report.Month, "max resolution (h)", N(c.MaxResolutionHours)]);
        }

        foreach (var c in report.IncidentsByCategory)
        {
            rows.Add(["Incidents", $"Category {c.Category}", report.Month, "raised", c.Raised.ToString(CultureInfo.InvariantCulture)]);
            rows.Add(["Incidents", $"Category {c.Category}", report.Month, "DCC responsible", c.DccResponsible.ToString(CultureInfo.InvariantCulture)]);
        }

        return Api.Csv.Write(["section", "about", "period", "measure", "value"], rows);
    }
}
