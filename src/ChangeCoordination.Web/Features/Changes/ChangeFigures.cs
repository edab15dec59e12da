using ChangeCoordination.Core;
using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Core.Risk;
using ChangeCoordination.Web.Features.Calendar;

namespace ChangeCoordination.Web.Features.Changes;

/// <summary>
/// The values derived from a change as it is being typed in, never typed in themselves: what the summary card shows.
/// Each is null until the fields it needs are there.
/// </summary>
public sealed record ChangeFigures(
    TimeSpan? Duration,
    Complexity? Complexity,
    Impact? Impact,
    RiskRange? RiskRange,
    int? NoticeWorkingDays,
    DateOnly? NoticeDeadline,
    bool LateNotice,
    int RecommendedNotice)
{
    /// <param name="noticeFrom">The London date notice is counted from: today for a new window.</param>
    public static ChangeFigures Of(ChangeType? type, ChangeKind? kind, DateTimeOffset? start, DateTimeOffset? end, DateOnly noticeFrom, RuleBook rules)
    {
        // Risk with the version in force on the first day (as the heatmap computes it); notice with today's.
        var methodology = start is { } starts ? rules.Timeline.For(LondonTime.DateOf(starts)) : rules.Methodology;
        var noticeDays = rules.Methodology.NoticeWorkingDays;
        TimeSpan? duration = start is { } s && end is { } e && e > s ? e - s : null;
        Complexity? complexity = duration is { } d ? RiskRules.ComplexityOf(d, methodology) : null;
        Impact? impact = type is { } t && complexity is { } c ? RiskRules.ImpactOf(t, c, methodology) : null;
        RiskRange? range = impact is { } i ? RiskRules.RangeOf(i, null, methodology) : null;
        int? notice = start is { } first ? rules.Calendar.WorkingDaysBetween(noticeFrom, LondonTime.DateOf(first)) : null;
        DateOnly? deadline = start is { } begins ? rules.Calendar.NoticeDeadline(LondonTime.DateOf(begins), noticeDays) : null;
        var late = kind != ChangeKind.Unplanned && notice < noticeDays;
        return new ChangeFigures(duration, complexity, impact, range, notice, deadline, late, noticeDays);
    }
}
