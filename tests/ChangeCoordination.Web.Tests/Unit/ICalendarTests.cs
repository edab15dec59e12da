using System.Text;
using ChangeCoordination.Web.Api;
using ChangeCoordination.Web.Tests.Infrastructure;
using Ical.Net;

namespace ChangeCoordination.Web.Tests.Unit;

public class ICalendarTests
{
    private static readonly DateTimeOffset Start = new(TestClock.Today.AddDays(7).ToDateTime(new TimeOnly(21, 0)), TimeSpan.Zero);

    public static TheoryData<string> Hostile => new()
    {
        // Every control character that is not a line break: each may only come out as a space.
        string.Concat(Enumerable.Range(0, 0xA0).Where(c => char.IsControl((char)c) && c is not ('\r' or '\n' or '\u0085' or '\t')).Select(c => $"a{(char)c}")),
        "one\rtwo\nthree\r\nfour\u0085five\u2028six\u2029seven",
        "END:VEVENT\rBEGIN:VEVENT\rUID:fake\rSUMMARY:fake\rEND:VEVENT\rBEGIN:VALARM",
        "\\;,:\"\t" + new string('é', 120) + "🙂" + "\ud800",
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Any_text_in_every_property_stays_inside_its_one_event_and_reads_back(string hostile)
    {
        var text = ICalendar.Write(hostile, [new CalendarEvent("one@test", 3, Start, Start.AddHours(2), hostile, hostile, hostile)], Start);

        var calendar = Assert.Single(CalendarCollection.Load(text));
        var item = Assert.Single(calendar.Events);
        var expected = Expected(hostile);
        Assert.Equal("one@test", item.Uid);
        Assert.Equal(3, item.Sequence);
        Assert.Equal(expected, item.Summary);
        Assert.Equal(expected, item.Description);
        Assert.Equal(expected, calendar.Properties["X-WR-CALNAME"]?.Value as string);
        Assert.All(text.Split("\r\n")[..^1], line =>
        {
            Assert.DoesNotContain(line, c => char.IsControl(c) && c != '\t');
            Assert.InRange(Encoding.UTF8.GetByteCount(line), 1, 75);
        });
    }

    /// <summary>What a client reads back: every kind of line break as LF, other control characters as spaces, a lone surrogate as U+FFFD.</summary>
    private static string Expected(string hostile)
    {
        var text = new StringBuilder();
        for (var i = 0; i < hostile.Length; i++)
        {
            var c = hostile[i];
            if (c == '\r' && i + 1 < hostile.Length && hostile[i + 1] == '\n')
            {
                continue;
            }

            text.Append(c switch
            {
                '\r' or '\n' or '\u0085' or '\u2028' or '\u2029' => '\n',
                '\t' => '\t',
                _ when char.IsControl(c) => ' ',
                _ when char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < hostile.Length && char.IsLowSurrogate(hostile[i + 1])) && !(char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(hostile[i - 1])) => '\uFFFD',
                _ => c,
            });
        }

        return text.ToString();
    }
}
