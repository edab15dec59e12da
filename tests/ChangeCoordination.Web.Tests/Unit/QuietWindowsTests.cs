using ChangeCoordination.Core;
using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Core.Risk;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Features.Calendar;
using ChangeCoordination.Web.Features.Changes;
using ChangeCoordination.Web.Features.Freeze;
using ChangeCoordination.Web.Live;
using ChangeCoordination.Web.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChangeCoordination.Web.Tests.Unit;

public sealed class QuietWindowsTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private readonly DayStatusFeed feed = new(NullLogger<DayStatusFeed>.Instance);
    private readonly RiskLedger ledger;
    private readonly QuietWindows quiet;

    public QuietWindowsTests()
    {
        ledger = new RiskLedger(feed, new RuleBook(TimeProvider.System, new PlanningHorizon(Options.Create(new PlanningSettings()))), NoBus.Create(), TestMetrics.Create(), NullLogger<RiskLedger>.Instance);
        quiet = new QuietWindows(ledger, new FreezeCalendar());
    }

    public void Dispose() => feed.Dispose();

    [Fact]
    public void A_window_on_a_red_day_is_busy_and_the_suggestions_are_the_next_quiet_days_at_the_same_time()
    {
        Red(new DateOnly(2026, 12, 8));
        Red(new DateOnly(2026, 12, 9));
        var window = Window(new DateOnly(2026, 12, 8));

        Assert.True(quiet.IsBusy(window));
        var suggestions = quiet.Suggest(window, Now, new DateOnly(2026, 12, 7));

        Assert.Equal([new DateOnly(2026, 12, 7), new DateOnly(2026, 12, 10), new DateOnly(2026, 12, 11)], suggestions.Select(s => LondonTime.DateOf(s.Start)));
        Assert.All(suggestions, s => Assert.Equal(window.Duration, s.Duration));
        Assert.All(suggestions, s => Assert.Equal(new TimeOnly(20, 0), TimeOnly.FromDateTime(LondonTime.ToLondon(s.Start).DateTime)));
    }

    [Fact]
    public void A_window_on_a_quiet_day_is_not_busy()
    {
        Assert.False(quiet.IsBusy(Window(new DateOnly(2026, 12, 15))));
    }

    private static OutageWindow Window(DateOnly day)
    {
        var start = LondonTime.At(day, new TimeOnly(20, 0));
        return new OutageWindow(start, start.AddHours(3));
    }

    private void Red(DateOnly day)
    {
        var window = Window(day);
        ledger.Record(new Change
        {
            Id = day.DayNumber,
            Reference = $"CHG-{day.DayNumber}",
            Type = ChangeType.BusinessCritical,
            Start = window.Start,
            End = window.End,
            Probability = Probability.HighlyLikely,
            Status = ChangeStatus.Assessed,
            Revision = 1,
        });
    }
}
