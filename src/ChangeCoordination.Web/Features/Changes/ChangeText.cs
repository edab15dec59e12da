using ChangeCoordination.Core;
using ChangeCoordination.Core.Calendar;

namespace ChangeCoordination.Web.Features.Changes;

/// <summary>How the change pages put things into words: UK English, dates as "Tue 8 Dec 2026", 24-hour UK times with GMT or BST.</summary>
public static class ChangeText
{
    public static string Date(DateOnly date) => date.ToString("ddd d MMM yyyy", UkEnglish.Culture);

    public static string Zone(DateTimeOffset instant) => LondonTime.ToLondon(instant).Offset == TimeSpan.Zero ? "GMT" : "BST";

    /// <summary>"Tue 8 Dec 2026 20:00 GMT".</summary>
    public static string Instant(DateTimeOffset instant)
    {
        var london = LondonTime.ToLondon(instant);
        return $"{Date(DateOnly.FromDateTime(london.DateTime))} {london.ToString("HH:mm", UkEnglish.Culture)} {Zone(instant)}";
    }

    /// <summary>"Tue 8 Dec 2026 20:00 to 23:00 GMT", "Tue 8 Dec 2026 20:00 to Wed 9 Dec 2026 02:00 GMT", or each end with its own zone across a clock change.</summary>
    public static string Window(DateTimeOffset start, DateTimeOffset end)
    {
        var from = LondonTime.ToLondon(start);
        var to = LondonTime.ToLondon(end);
        if (from.Offset != to.Offset)
        {
            return $"{Instant(start)} to {Instant(end)}";
        }

        var fromDay = DateOnly.FromDateTime(from.DateTime);
        var toDay = DateOnly.FromDateTime(to.DateTime);
        var toText = fromDay == toDay ? to.ToString("HH:mm", UkEnglish.Culture) : $"{Date(toDay)} {to.ToString("HH:mm", UkEnglish.Culture)}";
        return $"{Date(fromDay)} {from.ToString("HH:mm", UkEnglish.Culture)} to {toText} {Zone(end)}";
    }

    /// <summary>
    /// A window for one dense line, London time: "Tue 08/12 20:00–23:00", "Tue 08/12 22:00–24:00" (ending at midnight),
    /// "Tue 08/12 22:00–02:00+1" (ending the next day, as timetables write it), "Tue 08/12 22:00–Fri 11/12 02:00".
    /// </summary>
    public static string ShortWindow(DateTimeOffset start, DateTimeOffset end)
    {
        var from = LondonTime.ToLondon(start);
        var to = LondonTime.ToLondon(end);
        var days = DateOnly.FromDateTime(to.DateTime).DayNumber - DateOnly.FromDateTime(from.DateTime).DayNumber;
        var toText = (days, to.TimeOfDay == TimeSpan.Zero) switch
        {
            (0, _) => to.ToString("HH:mm", UkEnglish.Culture),
            (1, true) => "24:00",
            (1, false) => to.ToString("HH:mm", UkEnglish.Culture) + "+1",
            _ => to.ToString("ddd dd/MM HH:mm", UkEnglish.Culture),
        };
        return $"{from.ToString("ddd dd/MM HH:mm", UkEnglish.Culture)}–{toText}";
    }

    /// <summary>
    /// A window on one line: "Tue 8 Dec 20:00 – 23:00", the end's date only when it differs ("Tue 8 Dec 22:00 – Wed 9 Dec 02:00"),
    /// the year only when it is not <paramref name="thisYear"/>, and each end's zone only across a clock change.
    /// </summary>
    public static string CompactWindow(DateTimeOffset start, DateTimeOffset end, int thisYear)
    {
        var from = LondonTime.ToLondon(start);
        var to = LondonTime.ToLondon(end);
        var zones = from.Offset != to.Offset;
        string Day(DateTimeOffset london) => london.ToString(london.Year == thisYear ? "ddd d MMM" : "ddd d MMM yyyy", UkEnglish.Culture);
        string Time(DateTimeOffset london, DateTimeOffset instant) => london.ToString("HH:mm", UkEnglish.Culture) + (zones ? $" {Zone(instant)}" : "");
        var toText = from.Date == to.Date ? Time(to, end) : $"{Day(to)} {Time(to, end)}";
        return $"{Day(from)} {Time(from, start)} – {toText}";
    }

    /// <summary>"2 h 30 min", "45 min", "1 day 2 h".</summary>
    public static string Duration(TimeSpan duration)
    {
        var parts = new List<string>();
        if (duration.Days > 0)
        {
            parts.Add(duration.Days == 1 ? "1 day" : $"{duration.Days} days");
        }

        if (duration.Hours > 0)
        {
            parts.Add($"{duration.Hours} h");
        }

        if (duration.Minutes > 0 || parts.Count == 0)
        {
            parts.Add($"{duration.Minutes} min");
        }

        return string.Join(' ', parts);
    }

    public static string Kind(ChangeKind kind) => kind == ChangeKind.Planned ? "Planned" : "Unplanned";

    public static string Type(ChangeType type) => type switch
    {
        ChangeType.UserSystem => "User System change",
        ChangeType.Firmware => "Firmware deployment",
        _ => "Business-critical change",
    };

    /// <summary>The type in a word or two, for a dense row: "User System", "Firmware", "Business-critical".</summary>
    public static string ShortType(ChangeType type) => type switch
    {
        ChangeType.UserSystem => "User System",
        ChangeType.Firmware => "Firmware",
        _ => "Business-critical",
    };

    /// <summary>One line on when to choose each type.</summary>
    public static string WhenToChoose(ChangeType type) => type switch
    {
        ChangeType.UserSystem => "Your own systems that talk to the DCC: head-end, firewall, network, certificates. Choose this unless it is a firmware roll-out or business-critical.",
        ChangeType.Firmware => "New firmware sent through the DCC to devices in homes: meters, Comms Hubs, in-home displays. You will name the device types it targets.",
        _ => "A change that cannot wait for a quieter day: a security fix or a regulatory deadline. Its impact is always Major.",
    };

    public static string WhenToChoose(ChangeKind kind) => kind == ChangeKind.Planned
        ? "You are planning ahead: give at least 20 working days' notice where you can (later notice is accepted and flagged)."
        : "It must go in within the next 20 working days. The short form: the type and when you close your gateway are enough; add the description and devices later.";

    public static string Device(DeviceType device) => device switch
    {
        DeviceType.ESME => "ESME (electricity meter)",
        DeviceType.GSME => "GSME (gas meter)",
        DeviceType.CommsHub => "Comms Hub",
        DeviceType.GPF => "GPF (Gas Proxy Function)",
        DeviceType.PPMID => "PPMID (prepayment interface)",
        DeviceType.IHD => "IHD (in-home display)",
        DeviceType.HCALCS => "HCALCS (load control switch)",
        _ => "Type 2 (other devices)",
    };

    public static string Status(ChangeStatus status) => status switch
    {
        ChangeStatus.AwaitingAssessment => "Awaiting assessment",
        ChangeStatus.Assessed => "Assessed",
        ChangeStatus.Cancelled => "Cancelled",
        _ => "Archived",
    };

    public static string Probability(Probability probability) => probability switch
    {
        Core.Probability.Unlikely => "Unlikely",
        Core.Probability.Likely => "Likely",
        _ => "Highly likely",
    };

    /// <summary>The probability in a letter or two, for a narrow column: "U", "L", "HL".</summary>
    public static string ProbabilityLetters(Probability probability) => probability switch
    {
        Core.Probability.Unlikely => "U",
        Core.Probability.Likely => "L",
        _ => "HL",
    };

    public static string Notice(int workingDays, bool late, ChangeKind kind) =>
        kind == ChangeKind.Unplanned ? $"Unplanned: {Plural(workingDays, "working day")}"
        : late ? $"Late: {Plural(workingDays, "working day")}"
        : $"On time: {Plural(workingDays, "working day")}";

    public static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    public static string Combination(DeviceCombinationResponse combination)
    {
        var text = $"{string.Join(", ", combination.Devices.Select(d => Device(d)))} · {combination.Smets}";
        var extra = new[] { combination.Manufacturer, combination.Model, combination.FirmwareVersion is { } f ? $"firmware {f}" : null }
            .Where(s => !string.IsNullOrEmpty(s));
        return string.Join(" · ", new[] { text }.Concat(extra));
    }
}
