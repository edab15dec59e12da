using ChangeCoordination.Core;
using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Core.Operations;
using ChangeCoordination.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace ChangeCoordination.Web.Features.Operations;

/// <summary>The operational records of a period, with the Forward Schedule of Change's Planned Maintenance windows.</summary>
public sealed record OperationalData(
    Period Period,
    IReadOnlyList<ServiceRequestRow> Requests,
    IReadOnlyList<OutageRow> Outages,
    IReadOnlyList<IncidentRow> Incidents,
    IReadOnlyList<(DccService Service, Period Window)> PlannedMaintenance)
{
    private ILookup<DateOnly, ServiceRequestRow>? requestsByDay;
    private ILookup<DateOnly, IncidentRow>? incidentsByDay;

    private ILookup<DateOnly, ServiceRequestRow> RequestsByDay => requestsByDay ??= Requests.ToLookup(r => LondonTime.DateOf(r.Received));

    private ILookup<DateOnly, IncidentRow> IncidentsByDay => incidentsByDay ??= Incidents.ToLookup(i => LondonTime.DateOf(i.Opened));

    public IEnumerable<OutageRecord> OutageRecords => Outages.Select(o => o.ToRecord());

    public IEnumerable<Period> MaintenanceOf(DccService service) => PlannedMaintenance.Where(m => m.Service == service).Select(m => m.Window);

    /// <summary>The London days from the first to the last day of the period.</summary>
    public IEnumerable<DateOnly> Days()
    {
        var last = LondonTime.DateOf(Period.End.AddTicks(-1));
        for (var day = LondonTime.DateOf(Period.Start); day <= last; day = day.AddDays(1))
        {
            yield return day;
        }
    }

    public static Period DayPeriod(DateOnly day) => new(LondonTime.StartOf(day), LondonTime.StartOf(day.AddDays(1)));

    /// <summary>What happened on one day: its incidents, the disruption of its outages, its requests and failures.</summary>
    public DayOutcome OutcomeOf(DateOnly day, RiskStatus predicted)
    {
        var period = DayPeriod(day);
        var requests = RequestsByDay[day].ToList();
        return new DayOutcome(
            day,
            predicted,
            IncidentsByDay[day].Count(),
            Availabilities.AnyServiceDown(period, Outages.Where(o => o.Start < period.End && o.End > period.Start).Select(o => o.ToRecord()), PlannedMaintenance),
            requests.Count,
            requests.Count(r => ServiceRequestVariants.IsFailure(r.ToRecord())));
    }

    /// <summary>Whether any operational record touches the day: a day without one is a day the data does not cover.</summary>
    public bool Covers(DateOnly day)
    {
        var period = DayPeriod(day);
        return RequestsByDay[day].Any() || IncidentsByDay[day].Any() || Outages.Any(o => o.Start < period.End && o.End > period.Start);
    }
}

/// <summary>Reads the operational records of a period from the database, once per request.</summary>
public sealed class OperationsStore(IDbContextFactory<ChangeCoordinationDb> dbFactory)
{
    public async Task<OperationalData> LoadAsync(Period period, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (start, end) = (period.Start, period.End);
        var requests = await db.ServiceRequests.AsNoTracking().Where(r => r.Received >= start && r.Received < end).ToListAsync(cancellationToken);
        var outages = await db.Outages.AsNoTracking().Where(o => o.Start < end && o.End > start).OrderBy(o => o.Start).ThenBy(o => o.Id).ToListAsync(cancellationToken);
        var incidents = await db.Incidents.AsNoTracking().Where(i => i.Opened >= start && i.Opened < end).OrderBy(i => i.Opened).ThenBy(i => i.Id).ToListAsync(cancellationToken);
        var maintenance = await db.InternalChanges.AsNoTracking()
            .Where(c => c.PlannedMaintenance && c.Status == InternalChangeStatus.Scheduled && c.Start < end && c.End > start)
            .Select(c => new { c.Services, c.Start, c.End })
            .ToListAsync(cancellationToken);
        return new OperationalData(
            period,
            requests,
            outages,
            incidents,
            [.. maintenance.SelectMany(m => m.Services.Select(s => (s, new Period(m.Start, m.End))))]);
    }

    /// <summary>When the latest record up to <paramref name="notAfter"/> happened (a request received, an outage or an incident begun), or null when there is none.</summary>
    public async Task<DateTimeOffset?> LatestAsync(DateTimeOffset notAfter, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var request = await db.ServiceRequests.AsNoTracking().Where(r => r.Received <= notAfter).OrderByDescending(r => r.Received).Select(r => r.Received).Take(1).ToListAsync(cancellationToken);
        var outage = await db.Outages.AsNoTracking().Where(o => o.Start <= notAfter).OrderByDescending(o => o.Start).Select(o => o.Start).Take(1).ToListAsync(cancellationToken);
        var incident = await db.Incidents.AsNoTracking().Where(i => i.Opened <= notAfter).OrderByDescending(i => i.Opened).Select(i => i.Opened).Take(1).ToListAsync(cancellationToken);
        var latest = request.Concat(outage).Concat(incident).ToList();
        return latest.Count == 0 ? null : latest.Max();
    }
}
