using ChangeCoordination.Core;
using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Core.Risk;
using ChangeCoordination.Web.Features.Freeze;
using ChangeCoordination.Web.Live;

namespace ChangeCoordination.Web.Features.Changes;

/// <summary>
/// Suggests quieter windows for a change: the same time of day and length, in the next 90 days, on days that are
/// at most Green (and could not rise above it), outside change freezes, and far enough ahead for full notice.
/// </summary>
public sealed class QuietWindows(RiskLedger ledger, FreezeCalendar freezes)
{
    public const int SearchDays = 90;
    public const int MaxSuggestions = 3;

    /// <summary>True when a person would want to move the window: a day it covers is above Green, may rise, or is frozen.</summary>
    public bool IsBusy(OutageWindow window) =>
        freezes.Overlapping(window).Count > 0
        || LondonTime.DaysCovered(window).Any(d => ledger.Get(HeatmapView.Overall, d).ProvisionalStatus > RiskStatus.Green);

    public IReadOnlyList<OutageWindow> Suggest(OutageWindow window, DateTimeOffset now, DateOnly earliestStart)
    {
        var today = LondonTime.DateOf(now);
        var startTime = TimeOnly.FromDateTime(LondonTime.ToLondon(window.Start).DateTime);
        var suggestions = new List<OutageWindow>();
        for (var day = today.AddDays(1); day <= today.AddDays(SearchDays) && suggestions.Count < MaxSuggestions; day = day.AddDays(1))
        {
            if (day < earliestStart)
            {
                continue;
            }

            var start = LondonTime.At(day, startTime);
            var candidate = new OutageWindow(start, start + window.Duration);
            if (candidate.Start > now && candidate.Start != window.Start && !IsBusy(candidate))
            {
                suggestions.Add(candidate);
            }
        }

        return suggestions;
    }
}
