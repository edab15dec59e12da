namespace ChangeCoordination.Web.Tests.Infrastructure;

/// <summary>
/// The app on one day of the calendar, Tuesday 1 December 2026 at 10:00 GMT, whatever <see cref="TestClock"/> says:
/// for the tests about particular days (the Christmas bank holidays in a lead time, the clock change, the months
/// SEC H8.4 counts), whose dates are the point of the test.
/// </summary>
public sealed class CalendarAppFactory() : AppFactory(Start)
{
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
}
