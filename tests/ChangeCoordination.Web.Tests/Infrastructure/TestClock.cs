using System.Globalization;
using ChangeCoordination.Core.Calendar;

namespace ChangeCoordination.Web.Tests.Infrastructure;

/// <summary>
/// The one instant every test of the run takes as "now": a Tuesday, 1 December 2026, 10:00 GMT, unless
/// <c>CC_TEST_NOW</c> names another (an ISO 8601 instant with its offset), so that the whole suite can be run as if
/// on another day: <c>CC_TEST_NOW=2027-11-30T10:00:00Z ./test.sh</c>. The apps under test start on it (a fixed
/// <see cref="Microsoft.Extensions.Time.Testing.FakeTimeProvider"/> in the integration tests, <c>Clock:Start</c> in
/// the browser tests), and every date a test writes is reckoned from it.
/// </summary>
public static class TestClock
{
    public const string Variable = "CC_TEST_NOW";

    public static DateTimeOffset Now { get; } = Read();

    /// <summary>The London date of <see cref="Now"/>.</summary>
    public static DateOnly Today => LondonTime.DateOf(Now);

    /// <summary><see cref="Now"/> as the app's <c>Clock:Start</c> setting takes it.</summary>
    public static string Text => Now.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static DateTimeOffset Read()
    {
        var text = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var now)
            ? now
            : throw new InvalidOperationException($"{Variable} must be an ISO 8601 instant with its offset, such as 2027-11-30T10:00:00Z; it is '{text}'.");
    }
}
