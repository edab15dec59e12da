using ChangeCoordination.Core.Calendar;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ChangeCoordination.Core.Tests;

public class WeeksProperties
{
    private static readonly Gen<DateOnly> Dates = Gen.Choose(0, 366 * 400).Select(d => new DateOnly(1900, 1, 1).AddDays(d));

    [Property]
    public Property The_week_of_a_date_starts_on_the_Monday_at_most_six_days_before_it() => Prop.ForAll(
        Arb.From(Dates),
        date =>
        {
            var monday = Weeks.MondayOf(date);

            Assert.Equal(DayOfWeek.Monday, monday.DayOfWeek);
            Assert.InRange(date.DayNumber - monday.DayNumber, 0, 6);
        });

    [Property]
    public Property Every_day_of_a_week_has_the_same_Monday() => Prop.ForAll(
        Arb.From(from date in Dates from offset in Gen.Choose(0, 6) select (date, offset)),
        scene =>
        {
            var monday = Weeks.MondayOf(scene.date);

            Assert.Equal(monday, Weeks.MondayOf(monday.AddDays(scene.offset)));
        });
}
