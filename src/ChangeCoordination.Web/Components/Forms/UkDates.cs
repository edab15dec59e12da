using System.Globalization;
using System.Text.RegularExpressions;

namespace ChangeCoordination.Web.Components.Forms;

/// <summary>
/// How people here type dates and times: day first (dd/mm/yyyy) and the 24-hour clock (hh:mm), whatever the
/// browser's locale. Every problem says what to type instead, naming what the text looked like (an ISO or a
/// US-ordered date) where that helps.
/// </summary>
public static partial class UkDates
{
    public const string DatePattern = "dd/mm/yyyy";

    public const string TimePattern = "hh:mm";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Format(DateOnly date) => date.ToString("dd/MM/yyyy", Invariant);

    public static string Format(TimeOnly time) => time.ToString("HH:mm", Invariant);

    /// <summary>The date in the text, or null with the reason in <paramref name="problem"/> (empty text is no date and no problem).</summary>
    public static DateOnly? ParseDate(string? text, out string? problem)
    {
        problem = null;
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return null;
        }

        if (DayFirst().Match(trimmed) is { Success: true } dayFirst)
        {
            var (day, month, year) = (Number(dayFirst, "day"), Number(dayFirst, "month"), Number(dayFirst, "year"));
            if (year >= 1 && month > 12 && day is >= 1 and <= 12 && month <= DateTime.DaysInMonth(year, day))
            {
                problem = $"There is no month {month}: type the day first, as {DatePattern} ({month:00}/{day:00}/{year}).";
                return null;
            }

            if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            {
                problem = $"There is no {day:00}/{month:00}/{year}: type a real date as {DatePattern}, for example 08/12/{year}.";
                return null;
            }

            return new DateOnly(year, month, day);
        }

        if (DateOnly.TryParseExact(trimmed, "yyyy-MM-dd", Invariant, DateTimeStyles.None, out var iso))
        {
            problem = $"Type the date day first, as {DatePattern}: {Format(iso)}.";
            return null;
        }

        problem = $"Type the date as {DatePattern}, for example 08/12/2026.";
        return null;
    }

    /// <summary>The time in the text, or null with the reason in <paramref name="problem"/> (empty text is no time and no problem).</summary>
    public static TimeOnly? ParseTime(string? text, out string? problem)
    {
        problem = null;
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return null;
        }

        if (Clock().Match(trimmed) is { Success: true } clock)
        {
            var (hour, minute) = (Number(clock, "hour"), Number(clock, "minute"));
            if (hour < 24 && minute < 60)
            {
                return new TimeOnly(hour, minute);
            }
        }

        problem = $"Type the time on the 24-hour clock as {TimePattern}, for example 20:00 or 02:30.";
        return null;
    }

    /// <summary>An API message shown on a page: its ISO dates, and the ISO pattern it asks for, as people here write them.</summary>
    public static string Reworded(string message) =>
        IsoDate().Replace(message.Replace("YYYY-MM-DD", DatePattern, StringComparison.Ordinal), m => Format(DateOnly.ParseExact(m.Value, "yyyy-MM-dd", Invariant)));

    private static int Number(Match match, string group) => int.Parse(match.Groups[group].Value, Invariant);

    [GeneratedRegex(@"^(?<day>\d{1,2})[/.\-](?<month>\d{1,2})[/.\-](?<year>\d{4})$", RegexOptions.CultureInvariant)]
    private static partial Regex DayFirst();

    [GeneratedRegex(@"\b\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\b", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"^(?<hour>\d{1,2})[:.]?(?<minute>\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Clock();
}
