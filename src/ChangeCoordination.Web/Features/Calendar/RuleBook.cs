using System.Text.Json;
using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Core.Risk;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace ChangeCoordination.Web.Features.Calendar;

/// <summary>
/// The methodology versions the Panel approved, the timeline of those already in force (a version takes force at
/// London midnight on its effective date, by <see cref="Advance"/>), and the working-day calendar (rules plus the
/// operators' one-off table), and the planning horizon every date is checked against.
/// </summary>
public sealed class RuleBook(TimeProvider clock, PlanningHorizon horizon)
{
    private readonly Lock gate = new();
    private volatile WorkingDayCalendar calendar = WorkingDayCalendar.EnglandAndWales;
    private volatile MethodologyInForce[] approved = [.. MethodologyTimeline.Default.Versions];
    private volatile MethodologyTimeline timeline = MethodologyTimeline.Default;

    /// <summary>The version in force today: notice, validation of new notifications, the published document.</summary>
    public Methodology Methodology => timeline.Latest;

    /// <summary>The versions in force so far: each day is computed with the one in force on it.</summary>
    public MethodologyTimeline Timeline => timeline;

    /// <summary>Every approved version, those still waiting for their effective date included, in date order.</summary>
    public IReadOnlyList<MethodologyInForce> Approved => approved;

    /// <summary>The approved version that takes force next (its effective date still to come), if any.</summary>
    public MethodologyInForce? Next
    {
        get
        {
            var current = timeline;
            return approved.FirstOrDefault(v => v.EffectiveFrom > current.Versions[^1].EffectiveFrom);
        }
    }

    public WorkingDayCalendar Calendar => calendar;

    public PlanningHorizon Horizon => horizon;

    public async Task LoadAsync(ChangeCoordinationDb db, CancellationToken cancellationToken)
    {
        var overrides = await db.BankHolidayOverrides.AsNoTracking().ToListAsync(cancellationToken);
        calendar = new WorkingDayCalendar(overrides.Select(o => new BankHolidayOverride(o.Date, o.IsHoliday, o.Name)));
        var versions = await db.MethodologyVersions.AsNoTracking()
            .Where(v => v.State == MethodologyState.Approved)
            .Select(v => new { v.Version, v.EffectiveFrom, v.DefinitionJson })
            .ToListAsync(cancellationToken);
        if (versions.Count > 0)
        {
            lock (gate)
            {
                approved = [.. versions
                    .Select(v => new MethodologyInForce(v.EffectiveFrom!.Value, ValuesOf(v.DefinitionJson).ToMethodology(v.Version)))
                    .OrderBy(v => v.EffectiveFrom)];
                timeline = new MethodologyTimeline(InForce(approved));
            }
        }
    }

    public static MethodologyValues ValuesOf(string definitionJson) =>
        JsonSerializer.Deserialize<MethodologyValues>(definitionJson, ChangeCoordinationDb.ColumnJson)!;

    public static string JsonOf(MethodologyValues values) => JsonSerializer.Serialize(values, ChangeCoordinationDb.ColumnJson);

    /// <summary>Call after the approval committed: the version waits for its effective date (see <see cref="Advance"/>).</summary>
    public void Approve(MethodologyInForce version)
    {
        lock (gate)
        {
            approved = [.. approved.Append(version).OrderBy(v => v.EffectiveFrom)];
        }
    }

    /// <summary>
    /// Puts in force every approved version whose effective date has come; answers the first London day whose
    /// version changed (the ledger recomputes from there), or null when none took force.
    /// </summary>
    public DateOnly? Advance()
    {
        lock (gate)
        {
            var inForce = InForce(approved);
            if (inForce.Length == timeline.Versions.Count)
            {
                return null;
            }

            var known = timeline.Versions.Select(v => v.Methodology.Version).ToHashSet(StringComparer.Ordinal);
            var from = inForce.Where(v => !known.Contains(v.Methodology.Version)).Min(v => v.EffectiveFrom);
            timeline = new MethodologyTimeline(inForce);
            return from;
        }
    }

    /// <summary>Replaces the one-off table in one transaction, then the calendar every rule uses.</summary>
    public async Task ReplaceOverridesAsync(
        IReadOnlyList<BankHolidayOverride> overrides,
        Caller caller,
        AuditTrail audit,
        IDbContextFactory<ChangeCoordinationDb> dbFactory,
        CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.BankHolidayOverrides.ExecuteDeleteAsync(cancellationToken);
        db.BankHolidayOverrides.AddRange(overrides.Select(o => new BankHolidayOverrideRow { Date = o.Date, IsHoliday = o.IsHoliday, Name = o.Name }));
        audit.Record(db, caller, "bank-holidays.replaced", $"{overrides.Count} one-off changes");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        calendar = new WorkingDayCalendar(overrides);
    }

    private MethodologyInForce[] InForce(IEnumerable<MethodologyInForce> versions)
    {
        var today = LondonTime.DateOf(clock.GetUtcNow());
        var inForce = versions.Where(v => v.EffectiveFrom <= today).ToArray();
        return inForce.Length > 0 ? inForce : [.. versions.Take(1)];
    }
}
