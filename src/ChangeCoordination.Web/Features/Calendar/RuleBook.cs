using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Core.Risk;
using ChangeCoordination.Web.Data;
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
}
