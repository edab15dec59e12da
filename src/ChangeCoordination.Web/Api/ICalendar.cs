using System.Globalization;
using System.Text;

namespace ChangeCoordination.Web.Api;

/// <summary>
/// One event of an iCalendar (RFC 5545) feed. <see cref="Sequence"/> is the revision of what the event shows, so that a
/// client that already holds the event takes a moved or edited one in place of its copy.
/// </summary>
public sealed record CalendarEvent(string Uid, int Sequence, DateTimeOffset Start, DateTimeOffset End, string Summary, string Description, string Category);

/// <summary>
/// Writes an RFC 5545 calendar: CRLF lines folded at 75 octets, text escaped, times in UTC. Every text value is
/// escaped whole, control characters included, so no text a person typed can end a property or start another one.
/// </summary>
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
            Line(text, "SEQUENCE:" + item.Sequence.ToString(CultureInfo.InvariantCulture));
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

    /// <summary>
    /// RFC 5545 TEXT: backslash, semicolon and comma escaped; every line break (CRLF, a bare CR or LF, NEL, the Unicode
    /// line and paragraph separators) written as the two characters <c>\n</c>; any other control character (C0 but
    /// the tab, DEL, C1) written as a space, since TEXT may not carry it and some clients would break the line there.
    /// </summary>
    private static string Escape(string value)
    {
        var text = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '\\' or ';' or ',':
                    text.Append('\\').Append(c);
                    break;
                case '\r':
                    text.Append("\\n");
                    if (i + 1 < value.Length && value[i + 1] == '\n')
                    {
                        i++;
                    }

                    break;
                case '\n' or '\u0085' or '\u2028' or '\u2029':
                    text.Append("\\n");
                    break;
                case '\t':
                    text.Append(c);
                    break;
                default:
                    text.Append(char.IsControl(c) ? ' ' : c);
                    break;
            }
        }

        return text.ToString();
    }

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
