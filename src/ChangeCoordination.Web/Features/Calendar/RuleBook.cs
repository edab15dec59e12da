using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Core.Risk;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace ChangeCoordination.Web.Features.Calendar;

/// <summary>The methodology in force and the working-day calendar (rules plus the operators' one-off table).</summary>
public sealed class RuleBook
{
    private volatile WorkingDayCalendar calendar = WorkingDayCalendar.EnglandAndWales;

    public Methodology Methodology { get; } = Methodology.Default;

    public WorkingDayCalendar Calendar => calendar;

    public async Task LoadAsync(ChangeCoordinationDb db, CancellationToken cancellationToken)
    {
        var overrides = await db.BankHolidayOverrides.AsNoTracking().ToListAsync(cancellationToken);
        calendar = new WorkingDayCalendar(overrides.Select(o => new BankHolidayOverride(o.Date, o.IsHoliday, o.Name)));
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
}
