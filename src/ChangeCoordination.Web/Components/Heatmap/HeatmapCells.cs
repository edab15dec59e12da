using System.Collections.Concurrent;
using ChangeCoordination.Core;
using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Core.Heatmap;
using ChangeCoordination.Web.Features.Calendar;
using ChangeCoordination.Web.Features.Freeze;
using ChangeCoordination.Web.Live;

namespace ChangeCoordination.Web.Components.Heatmap;

/// <summary>
/// The calendar cells every open heatmap shows, one per view and day, rebuilt only when the day's status or freeze
/// moved: a hundred viewers of the same months share the same cells and their markup.
/// </summary>
public sealed class HeatmapCells(RiskLedger ledger, RuleBook rules, FreezeCalendar freezes, TimeProvider clock)
{
    /// <summary>Days further than this from today are built for the one calendar that asks, not kept.</summary>
    private const int KeptDays = 400;

    private readonly ConcurrentDictionary<(HeatmapView View, DateOnly Date), HeatmapCell> cells = new();

    public HeatmapCell Get(HeatmapView view, DateOnly date)
    {
        var kept = Math.Abs(date.DayNumber - LondonTime.DateOf(clock.GetUtcNow()).DayNumber) <= KeptDays;
        var status = ledger.Get(view, date);
        var freeze = freezes.On(date)?.Title;
        var nonWorking = !rules.Calendar.IsWorkingDay(date);
        var bankHoliday = rules.Calendar.BankHolidayOn(date)?.Name;
        if (kept && cells.TryGetValue((view, date), out var cell) && cell.Shows(status, nonWorking, bankHoliday, freeze))
        {
            return cell;
        }

        cell = new HeatmapCell(status, nonWorking, bankHoliday, freeze);
        if (kept)
        {
            cells[(view, date)] = cell;
        }

        return cell;
    }
}
