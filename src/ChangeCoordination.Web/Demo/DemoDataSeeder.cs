using System.Text.Json;
using ChangeCoordination.Core;
using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Features.Calendar;
using ChangeCoordination.Web.Features.Changes;
using ChangeCoordination.Web.Features.Reviews;
using ChangeCoordination.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace ChangeCoordination.Web.Demo;

/// <summary>
/// A realistic year for an empty database: about a dozen DCC User organisations, nine months of history and
/// three months ahead of planned and unplanned changes (some late, some not yet assessed), a Forward Schedule
/// of Change, and the red days that follow. Deterministic from the seed and the day it runs.
/// </summary>
public sealed class DemoDataSeeder(int seed, TimeProvider clock, RuleBook rules)
{
    private static readonly (string Name, OrganisationKind Kind)[] OtherOrganisations =
    [
        ("Northern Lights Energy", OrganisationKind.LargeSupplier),
        ("Thames Power", OrganisationKind.LargeSupplier),
        ("Coastal Gas & Electric", OrganisationKind.LargeSupplier),
        ("Brightside Energy", OrganisationKind.SmallSupplier),
        ("Hearth Energy", OrganisationKind.SmallSupplier),
        ("Meadow Power", OrganisationKind.SmallSupplier),
        ("Western Grid Distribution", OrganisationKind.NetworkOperator),
        ("Eastern Networks", OrganisationKind.NetworkOperator),
        ("Meter Asset Services", OrganisationKind.OtherUser),
    ];

    private static readonly string[] SystemWork =
    [
        "Firewall rule change on the DCC gateway connection",
        "Head-end system upgrade to a new release",
        "Adapter certificate renewal and restart",
        "Database patching on the smart metering platform",
        "Migration of the DUIS client to new servers",
        "Network switch replacement in the primary data centre",
        "Disaster recovery fail-over test of the head-end",
        "Operating system patching of integration servers",
    ];

    private static readonly string[] CriticalWork =
    [
        "Billing platform cut-over to the new MDM",
        "Market-wide half-hourly settlement readiness release",
        "Customer migration of 250,000 accounts between platforms",
        "Prepayment vending platform replacement",
    ];

    private static readonly string[] Manufacturers = ["Landis+Gyr", "Secure Meters", "EDMI", "Aclara", "Honeywell Elster", "Toshiba", "WNC"];

    private readonly Random random = new(seed);

    /// <summary>The reviews draw from their own sequence, so adding them left every other demo value as it was.</summary>
    private readonly Random reviewRandom = new(unchecked(seed * 31 + 18));

    public static async Task EnsureDemoIdentitiesAsync(ChangeCoordinationDb db)
    {
        foreach (var person in DemoIdentities.All)
        {
            var organisation = await db.Organisations.SingleOrDefaultAsync(o => o.Name == person.Organisation)
                ?? db.Organisations.Add(new Organisation { Name = person.Organisation, Kind = person.Kind }).Entity;
            if (!await db.People.AnyAsync(p => p.Email == person.Email))
            {
                db.People.Add(new Person
                {
                    Email = person.Email,
                    DisplayName = person.DisplayName,
                    Role = person.Role,
                    Organisation = organisation,
                    HasDetailAccess = person.Role is not (PartyRole.DccUser or PartyRole.WallDisplay),
                });
            }

            await db.SaveChangesAsync();
        }
    }

    public async Task SeedAsync(ChangeCoordinationDb db)
    {
        var now = clock.GetUtcNow();
        var today = LondonTime.DateOf(now);
        foreach (var (name, kind) in OtherOrganisations.Where(o => !db.Organisations.Any(x => x.Name == o.Name)))
        {
            var organisation = db.Organisations.Add(new Organisation { Name = name, Kind = kind }).Entity;
            db.People.Add(new Person
            {
                Email = $"release.manager@{Slug(name)}.example",
                DisplayName = $"Release manager, {name}",
                Role = PartyRole.DccUser,
                Organisation = organisation,
            });
        }

        await db.SaveChangesAsync();
        var users = await db.People.Where(p => p.Role == PartyRole.DccUser).OrderBy(p => p.Id).ToListAsync();
        var changes = new List<Change>();
        for (var day = today.AddDays(-270); day <= today.AddDays(92); day = day.AddDays(1))
        {
            var count = rules.Calendar.IsWorkingDay(day) ? random.Next(0, 5) : random.Next(0, 2);
            for (var i = 0; i < count; i++)
            {
                changes.Add(MakeChange(users[random.Next(users.Count)], day, now, today));
            }
        }

        changes.AddRange(InProgress(users, now, today));
        foreach (var change in changes.Where(c => c.End <= now && c.Status != ChangeStatus.Cancelled))
        {
            Review(change, now);
        }

        db.Changes.AddRange(changes);
        db.InternalChanges.AddRange(MakeSchedule(today, now));
        await db.SaveChangesAsync();
        foreach (var change in changes)
        {
            change.Reference = ChangeReferences.External(change.Id);
        }

        foreach (var change in db.InternalChanges.Local)
        {
            change.Reference = ChangeReferences.Internal(change.Id);
        }

        db.ChangeRevisions.AddRange(changes.SelectMany(Revisions));
        db.FreezeWindows.AddRange(Freezes(today, now));
        await db.SaveChangesAsync();
    }

    private Change MakeChange(Person user, DateOnly day, DateTimeOffset now, DateOnly today)
    {
        var type = Pick((ChangeType.UserSystem, 60), (ChangeType.Firmware, 25), (ChangeType.BusinessCritical, 15));
        var kind = random.Next(100) < 80 ? ChangeKind.Planned : ChangeKind.Unplanned;
        var startHour = Pick((20, 35), (22, 25), (18, 10), (9, 15), (13, 15));
        var start = LondonTime.At(day, new TimeOnly(startHour, random.Next(0, 4) * 15));
        var minutes = Pick((60, 15), (120, 20), (150, 10), (240, 20), (330, 10), (360, 5), (480, 12), (720, 8));
        var end = start.AddMinutes(minutes);
        var noticeDays = kind == ChangeKind.Planned ? random.Next(12, 45) : random.Next(1, 12);
        var notified = LondonTime.At(day.AddDays(-noticeDays), new TimeOnly(random.Next(8, 18), random.Next(0, 60)));
        if (notified > now)
        {
            notified = now.AddHours(-random.Next(1, 72));
        }

        var assessed = day < today.AddDays(7) ? random.Next(100) < 96 : random.Next(100) < 45;
        var cancelled = random.Next(100) < 3;
        var probability = assessed ? Pick((Probability.Unlikely, 55), (Probability.Likely, 33), (Probability.HighlyLikely, 12)) : (Probability?)null;
        var archiveDelay = TimeSpan.FromDays(rules.Methodology.ArchiveAfterDays);
        var status = cancelled ? ChangeStatus.Cancelled
            : end + archiveDelay < now ? ChangeStatus.Archived
            : assessed ? ChangeStatus.Assessed
            : ChangeStatus.AwaitingAssessment;
        var assessedAt = notified.AddHours(random.Next(2, 72));
        return new Change
        {
            Reference = ChangeReferences.Pending(),
            OrganisationId = user.OrganisationId,
            Kind = kind,
            Type = type,
            Start = start,
            End = end,
            Description = Describe(type),
            DeviceCombinations = type == ChangeType.Firmware ? Devices() : [],
            Status = status,
            Probability = probability,
            AssessmentRationale = assessed ? Rationale(probability!.Value) : null,
            AssessedAt = assessed ? (assessedAt < now ? assessedAt : now) : null,
            AssessedBy = assessed ? "assessor@dcc.example" : null,
            CancellationReason = cancelled ? "Postponed by the release board." : null,
            ArchivedAt = end + archiveDelay < now ? end + archiveDelay : null,
            NotifiedAt = notified,
            WindowNotifiedAt = notified,
            UpdatedAt = notified,
            Revision = 1 + (assessed ? 1 : 0) + (cancelled ? 1 : 0),
            NotifiedBy = user.Email,
        };
    }

    /// <summary>
    /// What happened, as the organisation recorded it: most ended changes reviewed, mostly as planned (the riskier the
    /// assessment, the likelier not); about a third of
    /// those that ended in the last fortnight (and a few older ones) still awaiting their review.
    /// </summary>
    private void Review(Change change, DateTimeOffset now)
    {
        var recent = change.End > now.AddDays(-14);
        if (reviewRandom.Next(100) < (recent ? 35 : 2))
        {
            return;
        }

        // The riskier the assessors judged a change, the likelier it went wrong: roughly as each word states, so that the
        // demo's calibration has something to say.
        var outcome = change.Probability switch
        {
            Probability.Unlikely => reviewRandom.Pick((ReviewOutcome.AsPlanned, 81), (ReviewOutcome.Overran, 8), (ReviewOutcome.RolledBack, 4), (ReviewOutcome.PartlyDone, 3), (ReviewOutcome.NotStarted, 4)),
            Probability.Likely => reviewRandom.Pick((ReviewOutcome.AsPlanned, 56), (ReviewOutcome.Overran, 20), (ReviewOutcome.RolledBack, 12), (ReviewOutcome.PartlyDone, 8), (ReviewOutcome.NotStarted, 4)),
            Probability.HighlyLikely => reviewRandom.Pick((ReviewOutcome.AsPlanned, 32), (ReviewOutcome.Overran, 32), (ReviewOutcome.RolledBack, 19), (ReviewOutcome.PartlyDone, 13), (ReviewOutcome.NotStarted, 4)),
            _ => reviewRandom.Pick((ReviewOutcome.AsPlanned, 72), (ReviewOutcome.Overran, 12), (ReviewOutcome.RolledBack, 7), (ReviewOutcome.PartlyDone, 5), (ReviewOutcome.NotStarted, 4)),
        };
        var actualStart = change.Start.AddMinutes(reviewRandom.Next(0, 4) * 5);
        var actualEnd = outcome switch
        {
            ReviewOutcome.Overran => change.End.AddMinutes(reviewRandom.Next(2, 19) * 10),
            ReviewOutcome.RolledBack => change.End.AddMinutes(-reviewRandom.Next(0, 4) * 10),
            ReviewOutcome.PartlyDone => change.End,
            _ => change.End.AddMinutes(-reviewRandom.Next(0, 7) * 5),
        };
        if (actualEnd > now)
        {
            actualEnd = now;
        }

        var given = outcome != ReviewOutcome.NotStarted && reviewRandom.Next(100) < 85;
        var reviewedAt = (given ? actualEnd : change.End).AddHours(reviewRandom.Next(1, 48));
        change.Review = new ChangeReview
        {
            Outcome = outcome,
            ActualStart = given ? actualStart : null,
            ActualEnd = given && actualEnd > actualStart ? actualEnd : null,
            Note = outcome switch
            {
                ReviewOutcome.Overran => "Post-change checks took longer than planned; service restored before the morning peak.",
                ReviewOutcome.RolledBack => "Smoke tests failed after the release: rolled back to the previous version.",
                ReviewOutcome.PartlyDone => "Half the estate done; the rest moves to a new window.",
                ReviewOutcome.NotStarted => "Deferred on the night: a dependency was not ready.",
                _ => reviewRandom.Next(100) < 30 ? "Completed inside the window; no issues reported." : null,
            },
            ReviewedAt = reviewedAt < now ? reviewedAt : now,
            ReviewedBy = change.NotifiedBy,
        };
        change.UpdatedAt = change.Review.ReviewedAt;
        change.Revision++;
    }

    /// <summary>A few changes under way as the demo starts, so the wall display shows work in progress.</summary>
    private IEnumerable<Change> InProgress(List<Person> users, DateTimeOffset now, DateOnly today)
    {
        var quarter = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute / 15 * 15, 0, now.Offset);
        foreach (var (startedHoursAgo, hours) in new[] { (1, 3), (2, 6), (0, 2) })
        {
            var change = MakeChange(users[random.Next(users.Count)], today, now, today);
            change.Start = quarter.AddHours(-startedHoursAgo);
            change.End = change.Start.AddHours(hours).AddMinutes(15);
            yield return change;
        }
    }

    /// <summary>The Christmas change freeze ahead, and a BCDR test day in six weeks.</summary>
    private static IEnumerable<FreezeWindow> Freezes(DateOnly today, DateTimeOffset now)
    {
        var year = today > new DateOnly(today.Year, 12, 26) ? today.Year + 1 : today.Year;
        yield return new FreezeWindow { Title = "Christmas change freeze", From = new DateOnly(year, 12, 21), To = new DateOnly(year + 1, 1, 3), CreatedAt = now, CreatedBy = "assessor@dcc.example" };
        var bcdr = today.AddDays(42);
        while (bcdr.DayOfWeek != DayOfWeek.Wednesday)
        {
            bcdr = bcdr.AddDays(1);
        }

        yield return new FreezeWindow { Title = "BCDR test day", From = bcdr, To = bcdr, CreatedAt = now, CreatedBy = "assessor@dcc.example" };
    }

    private static IEnumerable<ChangeRevision> Revisions(Change change)
    {
        var revision = 0;
        var snapshot = Copy(change, ChangeStatus.AwaitingAssessment, null);
        yield return Revision(change, ++revision, RevisionAction.Notified, change.NotifiedAt, change.NotifiedBy, snapshot);
        if (change.Probability is not null)
        {
            snapshot = Copy(change, ChangeStatus.Assessed, change.Probability);
            yield return Revision(change, ++revision, RevisionAction.Assessed, change.AssessedAt!.Value, change.AssessedBy!, snapshot);
        }

        if (change.Status == ChangeStatus.Cancelled)
        {
            snapshot = Copy(change, ChangeStatus.Cancelled, change.Probability);
            yield return Revision(change, ++revision, RevisionAction.Cancelled, change.UpdatedAt, change.NotifiedBy, snapshot);
        }

        if (change.Review is { } review)
        {
            var before = change.Status != ChangeStatus.Archived ? change.Status
                : change.Probability is null ? ChangeStatus.AwaitingAssessment : ChangeStatus.Assessed;
            snapshot = Copy(change, before, change.Probability);
            snapshot.Review = review;
            yield return Revision(change, ++revision, RevisionAction.Reviewed, review.ReviewedAt, review.ReviewedBy, snapshot);
        }
    }

    private static ChangeRevision Revision(Change change, int number, RevisionAction action, DateTimeOffset at, string by, Change snapshot)
    {
        snapshot.Revision = number;
        return new ChangeRevision
        {
            ChangeId = change.Id,
            Revision = number,
            Action = action,
            At = at,
            By = by,
            SnapshotJson = JsonSerializer.Serialize(snapshot, ChangeCoordinationDb.ColumnJson),
        };
    }

    private static Change Copy(Change change, ChangeStatus status, Probability? probability)
    {
        var copy = change.Snapshot();
        copy.Status = status;
        copy.Probability = probability;
        copy.AssessmentRationale = probability is null ? null : change.AssessmentRationale;
        copy.Review = null;
        return copy;
    }

    private IEnumerable<InternalChange> MakeSchedule(DateOnly today, DateTimeOffset now)
    {
        for (var day = today.AddDays(-270); day <= today.AddDays(92); day = day.AddDays(1))
        {
            if (day.DayOfWeek is not (DayOfWeek.Tuesday or DayOfWeek.Thursday) || random.Next(100) < 40)
            {
                continue;
            }

            var plannedMaintenance = random.Next(100) < 55;
            var start = LondonTime.At(day, plannedMaintenance ? new TimeOnly(22, 0) : new TimeOnly(random.Next(9, 16), 0));
            var service = Pick(
                (DccService.SelfServiceInterface, 10),
                (DccService.UserInterface, 30),
                (DccService.RegistrationDataInterface, 15),
                (DccService.SmkiRepositoryInterface, 10),
                (DccService.SmkiServicesInterface, 10),
                (DccService.Other, 15));
            yield return new InternalChange
            {
                Reference = ChangeReferences.Pending(),
                Title = plannedMaintenance ? $"{Describe(service)} patching" : $"Release to {Describe(service)}",
                Services = [service],
                PlannedMaintenance = plannedMaintenance,
                Start = start,
                End = start.AddMinutes(plannedMaintenance ? Pick((60, 50), (90, 30), (120, 20)) : Pick((60, 30), (120, 40), (180, 20), (240, 10))),
                ImpactScore = Pick((1, 15), (2, 30), (3, 30), (4, 18), (5, 7)),
                ProbabilityScore = Pick((1, 30), (2, 35), (3, 25), (4, 10)),
                Status = InternalChangeStatus.Scheduled,
                CreatedAt = Published(day, now),
                UpdatedAt = now,
                UpdatedBy = "assessor@dcc.example",
                Revision = 1,
            };
        }
    }

    /// <summary>The DCC publishes each month's schedule about six weeks before the month starts.</summary>
    private static DateTimeOffset Published(DateOnly day, DateTimeOffset now)
    {
        var published = LondonTime.At(new DateOnly(day.Year, day.Month, 1).AddDays(-45), new TimeOnly(10, 0));
        return published < now ? published : now;
    }

    private static string Describe(DccService service) => service switch
    {
        DccService.UserInterface => "DCC User Interface",
        DccService.RegistrationDataInterface => "Registration Data Interface",
        DccService.SmkiRepositoryInterface => "SMKI Repository Interface",
        DccService.SmkiServicesInterface => "SMKI Services Interface",
        DccService.SelfServiceInterface => "Self-Service Interface",
        _ => "DCC core systems",
    };

    private string Describe(ChangeType type) => type switch
    {
        ChangeType.Firmware => $"Firmware roll-out of version {random.Next(2, 9)}.{random.Next(0, 20)} to a batch of {random.Next(5, 400) * 100:N0} devices.",
        ChangeType.BusinessCritical => CriticalWork[random.Next(CriticalWork.Length)] + ".",
        _ => SystemWork[random.Next(SystemWork.Length)] + ".",
    };

    private List<DeviceCombination> Devices()
    {
        var smets = random.Next(100) < 70 ? SmetsGeneration.SMETS2 : SmetsGeneration.SMETS1;
        var devices = Pick<DeviceType[]>(([DeviceType.ESME], 35), ([DeviceType.GSME], 20), ([DeviceType.CommsHub], 20), ([DeviceType.ESME, DeviceType.GSME], 15), ([DeviceType.IHD, DeviceType.PPMID], 10));
        return [new DeviceCombination(devices, smets, Manufacturers[random.Next(Manufacturers.Length)], $"M{random.Next(100, 999)}", $"{random.Next(1, 9)}.{random.Next(0, 30)}.{random.Next(0, 9)}")];
    }

    private static string Rationale(Probability probability) => probability switch
    {
        Probability.HighlyLikely => "Large volume at peak message time with no phased roll-out: disruption highly likely.",
        Probability.Likely => "Phased, but similar changes caused queueing before.",
        _ => "Well-rehearsed change with a tested back-out plan.",
    };

    private T Pick<T>(params (T Value, int Weight)[] choices) => random.Pick(choices);

    private static string Slug(string name) =>
        string.Concat(name.ToLowerInvariant().Where(c => char.IsLetterOrDigit(c) || c == ' ')).Replace(' ', '-');
}
