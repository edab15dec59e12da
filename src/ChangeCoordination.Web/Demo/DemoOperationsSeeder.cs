using System.Globalization;
using ChangeCoordination.Core;
using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Core.Operations;
using ChangeCoordination.Core.Risk;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Features.Calendar;
using ChangeCoordination.Web.Features.Causes;
using ChangeCoordination.Web.Features.Operations;
using Microsoft.EntityFrameworkCore;

namespace ChangeCoordination.Web.Demo;

/// <summary>
/// The demo's operational month, from its own seed: the last <see cref="Days"/> days before today of service
/// requests (ordinary noise), a few outages, and incidents, most of them beginning during the demo's changes, the
/// riskier the change the likelier. Requests received while their region's User Interface is down fail far more.
/// Run after <see cref="DemoDataSeeder"/>, whose changes it reads. DCC staff have tied most incidents that began during a
/// User's change to it (a sequence of their own, so that the month's figures do not move with them).
/// </summary>
public sealed class DemoOperationsSeeder(int seed, TimeProvider clock, RuleBook rules)
{
    public const int Days = 30;

    /// <summary>Service requests on a working day; a weekend has about half as many.</summary>
    public const int RequestsPerDay = 1_000;

    /// <summary>The demo's requests are made against the default table, the one the first start seeds.</summary>
    private static readonly VariantRules DefaultVariants = new(ServiceRequestVariants.Defaults);

    private static readonly (string Srv, int Weight)[] Mix =
    [
        ("1.1.1", 6), ("6.15.1", 5), ("8.1.1", 6), ("8.7.1", 5), ("8.11", 4),
        ("6.23", 10), ("4.6.1", 14), ("5.1", 14), ("2.2", 20), ("11.1", 3), ("11.3", 3), ("CHF", 2), ("ALERT", 8),
    ];

    private static readonly string[] SubSystems = ["DSP adapter", "DUIS gateway", "DSP database", "CSP head-end", "SMKI PKI service", "Registration data link"];

    private static readonly string[] IncidentSummaries =
    [
        "Service responses delayed after a User release",
        "Alerts not delivered to a DCC User",
        "Firmware image distribution stalled",
        "Head-end connectivity lost during a change",
        "Prepayment top-ups timing out",
        "Change of Supplier credential updates failing",
    ];

    /// <summary>The TOC operator of the demo identities, who tied the incidents.</summary>
    private const string LinkedBy = "toc@dcc.example";

    private readonly Random random = new(seed);

    public async Task<(int Requests, int Outages, int Incidents)> SeedAsync(ChangeCoordinationDb db)
    {
        var now = clock.GetUtcNow();
        var today = LondonTime.DateOf(now);
        var first = today.AddDays(-Days);
        var (start, end) = (LondonTime.StartOf(first), LondonTime.StartOf(today));
        var methodology = rules.Methodology;
        var external = await db.Changes.AsNoTracking()
            .Where(c => c.Status != ChangeStatus.Cancelled && c.Start < end && c.End > start)
            .OrderBy(c => c.Start).ThenBy(c => c.End).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.Type, c.Start, c.End, c.Probability })
            .ToListAsync();
        var internalChanges = await db.InternalChanges.AsNoTracking()
            .Where(c => c.Status == InternalChangeStatus.Scheduled && c.Start < end && c.End > start)
            .OrderBy(c => c.Start).ThenBy(c => c.End).ThenBy(c => c.Id)
            .Select(c => new { c.Services, c.PlannedMaintenance, c.Start, c.End, c.ImpactScore, c.ProbabilityScore })
            .ToListAsync();

        var outages = new List<OutageRow>();
        var incidents = new List<IncidentRow>();
        var causes = new List<(IncidentRow Incident, long ChangeId)>();
        foreach (var change in external)
        {
            var risk = RiskRules.RiskOf(RiskRules.ImpactOf(change.Type, new OutageWindow(change.Start, change.End), methodology), change.Probability ?? Probability.Unlikely, methodology);
            if (Disrupt(change.Start, change.End, risk, [DccService.UserInterface], Pick((ResponsibleParty.DccUser, 60), (ResponsibleParty.Dcc, 40)), outages, incidents, now) is { } incident)
            {
                causes.Add((incident, change.Id));
            }
        }

        foreach (var change in internalChanges)
        {
            if (change.PlannedMaintenance && random.Next(100) < 70)
            {
                outages.Add(Outage(change.Services, null, change.Start, change.End, planned: true, now, outages.Count));
            }

            var risk = RiskRules.InternalRiskOf(change.ImpactScore, change.ProbabilityScore, methodology);
            Disrupt(change.Start, change.End, risk, change.Services, ResponsibleParty.Dcc, outages, incidents, now);
        }

        for (var day = first; day < today; day = day.AddDays(1))
        {
            if (random.Next(100) < 10)
            {
                var opened = LondonTime.StartOf(day).AddMinutes(random.Next(24 * 60));
                incidents.Add(Incident(opened, Pick((3, 40), (4, 40), (5, 20)), Pick((ResponsibleParty.Dcc, 50), (ResponsibleParty.DccUser, 30), (ResponsibleParty.Other, 20)), now, incidents.Count));
            }
        }

        for (var i = 0; i < 3; i++)
        {
            var outageStart = start.AddMinutes(random.Next(Days * 24 * 60));
            outages.Add(Outage([Pick((DccService.UserInterface, 50), (DccService.SelfServiceInterface, 20), (DccService.RegistrationDataInterface, 15), (DccService.SmkiServicesInterface, 15))], Region(), outageStart, outageStart.AddMinutes(random.Next(15, 180)), planned: false, now, outages.Count));
        }

        outages.RemoveAll(o => o.Start >= now);
        incidents.RemoveAll(i => i.Opened >= now);
        var down = outages.Where(o => !o.Planned && o.Services.Contains(DccService.UserInterface)).ToList();
        var requests = new List<ServiceRequestRow>();
        for (var day = first; day < today; day = day.AddDays(1))
        {
            var count = rules.Calendar.IsWorkingDay(day) ? RequestsPerDay : RequestsPerDay / 2;
            count += random.Next(-count / 10, count / 10);
            for (var i = 0; i < count; i++)
            {
                requests.Add(Request(day, i, down, now));
            }
        }

        db.Outages.AddRange(outages);
        db.Incidents.AddRange(incidents);
        await db.SaveChangesAsync();
        TieCauses(db, causes.Where(c => c.Incident.Opened < now), now);
        await db.SaveChangesAsync();
        await ServiceRequestBulk.InsertAsync(db, requests, CancellationToken.None);
        return (requests.Count, outages.Count, incidents.Count);
    }

    /// <summary>Most incidents a change caused are tied to it by the TOC within a day, mostly as its cause.</summary>
    private void TieCauses(ChangeCoordinationDb db, IEnumerable<(IncidentRow Incident, long ChangeId)> causes, DateTimeOffset now)
    {
        var staff = new Random(seed ^ 0x71ED);
        foreach (var (incident, changeId) in causes)
        {
            if (staff.Next(100) >= 75)
            {
                continue;
            }

            var linkedAt = incident.Opened.AddMinutes(staff.Next(30, 24 * 60));
            db.Set<IncidentLink>().Add(new IncidentLink
            {
                IncidentId = incident.Id,
                ChangeId = changeId,
                Role = staff.Next(100) < 80 ? IncidentRole.Caused : IncidentRole.Contributed,
                LinkedBy = LinkedBy,
                LinkedAt = linkedAt < now ? linkedAt : now,
            });
            incident.LinksRevision++;
        }
    }

    private IncidentRow? Disrupt(DateTimeOffset start, DateTimeOffset end, RiskStatus risk, IReadOnlyList<DccService> services, ResponsibleParty party, List<OutageRow> outages, List<IncidentRow> incidents, DateTimeOffset now)
    {
        var chance = risk switch { RiskStatus.Red => 65, RiskStatus.Amber => 30, RiskStatus.Green => 8, _ => 0 };
        if (random.Next(100) >= chance)
        {
            return null;
        }

        var opened = start.AddMinutes(random.Next(Math.Max(1, (int)(end - start).TotalMinutes)));
        var incident = Incident(opened, risk == RiskStatus.Red ? Pick((2, 25), (3, 50), (4, 25)) : Pick((3, 50), (4, 35), (5, 15)), party, now, incidents.Count);
        incidents.Add(incident);
        if (random.Next(100) < 55)
        {
            var outageStart = opened.AddMinutes(-random.Next(5, 30));
            outages.Add(Outage([.. services.Where(s => s != DccService.Other).DefaultIfEmpty(DccService.UserInterface)], Region(), outageStart, outageStart.AddMinutes(random.Next(20, 150)), planned: false, now, outages.Count));
        }

        return incident;
    }

    private OutageRow Outage(IReadOnlyList<DccService> services, CspRegion? region, DateTimeOffset start, DateTimeOffset end, bool planned, DateTimeOffset now, int index) => new()
    {
        Reference = $"OUT-{start.ToString("yyMMdd", CultureInfo.InvariantCulture)}-{index:D3}",
        Services = [.. services],
        SubSystem = SubSystems[random.Next(SubSystems.Length)],
        Region = region,
        Start = start,
        End = end,
        Planned = planned,
        ImportedAt = now,
    };

    private IncidentRow Incident(DateTimeOffset opened, int category, ResponsibleParty party, DateTimeOffset now, int index)
    {
        var target = Incidents.TargetFor(category);
        var responded = opened + (target.Response * (random.Next(100) < 85 ? random.NextDouble() : 1.2 + random.NextDouble()));
        var resolved = opened + (target.Resolution * (random.Next(100) < 78 ? 0.1 + (random.NextDouble() * 0.9) : 1.1 + random.NextDouble()));
        return new IncidentRow
        {
            Reference = $"INC-{opened.ToString("yyMMdd", CultureInfo.InvariantCulture)}-{index:D3}",
            Category = category,
            Summary = IncidentSummaries[random.Next(IncidentSummaries.Length)],
            Opened = opened,
            Responded = responded <= now ? responded : null,
            Resolved = resolved <= now ? resolved : null,
            ResponsibleParty = party,
            ImportedAt = now,
        };
    }

    private ServiceRequestRow Request(DateOnly day, int index, List<OutageRow> down, DateTimeOffset now)
    {
        var srv = Pick(Mix);
        var hour = random.Next(100) < 75 ? random.Next(8, 20) : random.Next(24);
        var received = LondonTime.StartOf(day).AddHours(hour).AddSeconds(random.Next(3600));
        var region = Pick((CspRegion.North, 30), (CspRegion.Central, 35), (CspRegion.South, 35));
        var rule = DefaultVariants.Find(srv)!;
        var seconds = rule.TargetResponseTime == ServiceRequestVariants.Scheduled
            ? random.Next(600, 20 * 3600) * (random.Next(100) < 4 ? 2 : 1)
            : 1 + (random.NextDouble() * rule.TargetResponseTime.TotalSeconds * 0.6) + (random.Next(100) < 4 ? random.Next(20, 120) : 0);
        var outage = down.Any(o => o.Start <= received && received < o.End && (o.Region is null || o.Region == region));
        var failed = random.Next(1000) < (outage ? 450 : 12);
        var alertFailure = failed && random.Next(100) < 30;
        return new ServiceRequestRow
        {
            RequestId = $"DEMO-{day.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}-{index:D5}",
            Srv = srv,
            Smets = random.Next(100) < 25 && srv is not ("ALERT" or "CHF") ? SmetsGeneration.SMETS1 : SmetsGeneration.SMETS2,
            Region = region,
            Received = received,
            Responded = received.AddSeconds(seconds),
            OutcomeCode = failed && !alertFailure ? Pick(("E201", 50), ("E212", 50)) : "I0",
            AlertCode = alertFailure ? Pick(("N12", 50), ("N13", 50)) : null,
            ImportedAt = now,
        };
    }

    private CspRegion? Region() => random.Next(100) < 40 ? null : (CspRegion)random.Next(3);

    private T Pick<T>(params (T Value, int Weight)[] choices) => random.Pick(choices);
}
