using System.Globalization;
using System.Text;

namespace ChangeCoordination.Web.Api;

/// <summary>One event of an iCalendar (RFC 5545) feed.</summary>
public sealed record CalendarEvent(string Uid, DateTimeOffset Start, DateTimeOffset End, string Summary, string Description, string Category);

/// <summary>Writes an RFC 5545 calendar: CRLF lines folded at 75 octets, text escaped, times in UTC.</summary>
public static class ICalendar
{
    public static string Write(string name, IEnumerable<CalendarEvent> events, DateTimeOffset stamp)
    {
        var text = new StringBuilder();
        Line(text, "BEGIN:VCALENDAR");
        Line(text, "VERSION:2.0");
        Line(text, "PRODID:-//DCC//Change Coordination//EN");
        Line(text, "CALSCALE:GREGORIAN");
        Line(text, "X-WR-CALNAME:" + Escape(name));
        foreach (var item in events)
        {
            Line(text, "BEGIN:VEVENT");
            Line(text, "UID:" + Escape(item.Uid));
            Line(text, "DTSTAMP:" + Utc(stamp));
            Line(text, "DTSTART:" + Utc(item.Start));
            Line(text, "DTEND:" + Utc(item.End));
            Line(text, "SUMMARY:" + Escape(item.Summary));
            Line(text, "DESCRIPTION:" + Escape(item.Description));
            Line(text, "CATEGORIES:" + Escape(item.Category));
            Line(text, "END:VEVENT");
        }

        Line(text, "END:VCALENDAR");
        return text.ToString();
    }

    private static string Utc(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static string Escape(string value) => value
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace(";", "\\;", StringComparison.Ordinal)
        .Replace(",", "\\,", StringComparison.Ordinal)
        .Replace("\r\n", "\\n", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Writes one content line, folded so no physical line exceeds 75 octets of UTF-8.</summary>
    private static void Line(StringBuilder text, string line)
    {
        var octets = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > 75)
            {
                text.Append("\r\n ");
                octets = 1;
            }

            text.Append(rune.ToString());
            octets += size;
        }

        text.Append("\r\n");
    }
}
