using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Core.Risk;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ChangeCoordination.Core.Tests;

public class CalendarProperties
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.EnglandAndWales;

    private static bool Overlaps(DateOnly day, OutageWindow window) =>
        LondonTime.StartOf(day) < window.End && window.Start < LondonTime.StartOf(day.AddDays(1));

    [Property]
    public Property A_window_covers_exactly_the_London_days_it_overlaps() => Prop.ForAll(
        Arb.From(Generators.Window),
        window =>
        {
            var covered = LondonTime.DaysCovered(window).ToList();

            Assert.NotEmpty(covered);
            Assert.All(covered, day => Assert.True(Overlaps(day, window), $"{day} does not overlap"));
            Assert.Equal(Enumerable.Range(0, covered.Count).Select(i => covered[0].AddDays(i)), covered);
            Assert.False(Overlaps(covered[0].AddDays(-1), window));
            Assert.False(Overlaps(covered[^1].AddDays(1), window));
        });

    [Property]
    public Property Splitting_a_window_inside_never_changes_the_days_covered() => Prop.ForAll(
        Arb.From(
            from window in Generators.Window.Where(w => w.Duration >= TimeSpan.FromMinutes(2))
            from minutes in Gen.Choose(1, (int)window.Duration.TotalMinutes - 1)
            select (window, split: window.Start.AddMinutes(minutes))),
        scene =>
        {
            var first = new OutageWindow(scene.window.Start, scene.split);
            var second = new OutageWindow(scene.split, scene.window.End);

            var halves = LondonTime.DaysCovered(first).Union(LondonTime.DaysCovered(second)).Order();

            Assert.Equal(LondonTime.DaysCovered(scene.window), halves);
        });

    [Property]
    public Property The_notice_deadline_is_the_last_date_giving_the_clear_working_days() => Prop.ForAll(
        Arb.From(
            from day in Gen.Choose(0, 3650)
            from workingDays in Gen.Choose(1, 60)
            select (start: new DateOnly(2019, 1, 1).AddDays(day), workingDays)),
        scene =>
        {
            var deadline = Calendar.NoticeDeadline(scene.start, scene.workingDays);

            Assert.True(Calendar.WorkingDaysBetween(deadline, scene.start) >= scene.workingDays);
            Assert.True(Calendar.WorkingDaysBetween(deadline.AddDays(1), scene.start) < scene.workingDays);
        });

    [Property]
    public Property The_first_on_time_start_is_the_earliest_date_giving_the_clear_working_days() => Prop.ForAll(
        Arb.From(
            from day in Gen.Choose(0, 3650)
            from workingDays in Gen.Choose(0, 60)
            select (notified: new DateOnly(2019, 1, 1).AddDays(day), workingDays)),
        scene =>
        {
            var first = Calendar.FirstOnTimeStart(scene.notified, scene.workingDays);

            Assert.True(Calendar.WorkingDaysBetween(scene.notified, first) >= scene.workingDays);
            Assert.True(Calendar.WorkingDaysBetween(scene.notified, first.AddDays(-1)) < scene.workingDays || first.AddDays(-1) <= scene.notified);
        });
}
