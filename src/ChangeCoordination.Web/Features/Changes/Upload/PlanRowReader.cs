using System.Globalization;
using ChangeCoordination.Core;
using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Web.Api;
using ChangeCoordination.Web.Data;

namespace ChangeCoordination.Web.Features.Changes.Upload;

/// <summary>
/// Reads one row's cells into a change, checking each cell on its own and saying what is wrong in the template's terms:
/// keyed by the column's header, telling what to write as the template writes it. The rules across cells (the window,
/// the notice, what a planned change needs) stay the validator's, as for the API.
/// </summary>
/// <param name="format">The file's form, which decides how its dates are written and whether a number is a date.</param>
/// <param name="example">The template's first example start, the date every date message shows.</param>
/// <param name="horizon">The first and last London days a change may start on.</param>
public sealed class PlanRowReader(PlanFormat format, DateTime example, (DateOnly First, DateOnly Last) horizon)
{
    private static readonly string[] LocalFormats = ["yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm", "dd/MM/yyyy HH:mm", "d/M/yyyy HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "dd/MM/yyyy HH:mm:ss", "d/M/yyyy H:mm"];

    private static readonly string[] OffsetFormats = ["yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz"];

    /// <summary>Excel's serial numbers for 1 January 1900 and 31 December 9999: a number outside them is no date.</summary>
    private const double FirstSerial = 1;

    private const double LastSerial = 2958465;

    /// <summary>The row as a change, with the problems of its cells by column header.</summary>
    public (ChangeInput Input, Dictionary<string, List<string>> Errors) Read(Func<PlanColumn, string?> cell)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(PlanColumn column, string message) => MessagesOf(errors, column.Header).Add(message);

        var kind = Closed<ChangeKind>(PlanTemplate.Kind, cell(PlanTemplate.Kind), "kind", ChangeText.Kind, Add, required: true);
        var type = Closed<ChangeType>(PlanTemplate.Type, cell(PlanTemplate.Type), "type", ChangeText.Type, Add, required: true);
        var start = Instant(PlanTemplate.Start, cell(PlanTemplate.Start), Add, isStart: true);
        var end = Instant(PlanTemplate.End, cell(PlanTemplate.End), Add, isStart: false);
        var description = Text(PlanTemplate.Description, cell(PlanTemplate.Description), ChangeLimits.DescriptionMaxLength, Add);
        var devicesCell = cell(PlanTemplate.Devices);
        var smetsCell = cell(PlanTemplate.Smets);
        var manufacturer = Text(PlanTemplate.Manufacturer, cell(PlanTemplate.Manufacturer), ChangeLimits.DeviceTextMaxLength, Add);
        var model = Text(PlanTemplate.Model, cell(PlanTemplate.Model), ChangeLimits.DeviceTextMaxLength, Add);
        var firmware = Text(PlanTemplate.FirmwareVersion, cell(PlanTemplate.FirmwareVersion), ChangeLimits.DeviceTextMaxLength, Add);

        List<DeviceCombinationInput>? combinations = null;
        if (devicesCell is null)
        {
            var described = new[] { (PlanTemplate.Smets, smetsCell), (PlanTemplate.Manufacturer, manufacturer), (PlanTemplate.Model, model), (PlanTemplate.FirmwareVersion, firmware) }
                .Where(c => c.Item2 is not null)
                .Select(c => c.Item1.Header)
                .ToList();
            if (described.Count > 0)
            {
                var list = Either(described, "and");
                Add(PlanTemplate.Devices, $"Write the devices that {list} {(described.Count == 1 ? "describes" : "describe")} (for example {PlanTemplate.CombinationExample}), or clear {list}.");
            }
        }
        else
        {
            var smets = Closed<SmetsGeneration>(PlanTemplate.Smets, smetsCell, "SMETS generation", g => g.ToString(), Add, required: false);
            if (smetsCell is null)
            {
                Add(PlanTemplate.Smets, $"Write {Either(Enum.GetNames<SmetsGeneration>(), "or")} for the devices in {PlanTemplate.Devices.Header}.");
            }

            combinations = [new DeviceCombinationInput(Devices(devicesCell, Add), smets ?? smetsCell, manufacturer, model, firmware)];
        }

        return (new ChangeInput(kind ?? cell(PlanTemplate.Kind), type ?? cell(PlanTemplate.Type), start ?? cell(PlanTemplate.Start), end ?? cell(PlanTemplate.End), description, combinations), errors);
    }

    /// <summary>A column's list of messages in <paramref name="errors"/>, started when it has none yet.</summary>
    public static List<string> MessagesOf(Dictionary<string, List<string>> errors, string header) =>
        errors.TryGetValue(header, out var messages) ? messages : errors[header] = [];

    /// <summary>The date and time of <paramref name="local"/> as this file's template writes it.</summary>
    private string Written(DateTime local) => PlanTemplate.Written(local, format);

    private string DateWritten(DateOnly date) =>
        date.ToString(format == PlanFormat.Csv ? "yyyy-MM-dd" : "dd/MM/yyyy", CultureInfo.InvariantCulture);

    private string HowToWriteDates => format == PlanFormat.Csv
        ? $"{Written(example)} (London time)"
        : $"{Written(example)} (London time) in a date cell, shown as dd/mm/yyyy hh:mm";

    /// <summary>A closed column's value as the API names it, matched in any case by its name or its display name.</summary>
    private static string? Closed<TEnum>(PlanColumn column, string? value, string noun, Func<TEnum, string> display, Action<PlanColumn, string> add, bool required)
        where TEnum : struct, Enum
    {
        var choices = Either(Enum.GetNames<TEnum>(), "or");
        if (value is null)
        {
            if (required)
            {
                add(column, $"Write {choices}.");
            }

            return null;
        }

        if (Enum.GetValues<TEnum>().Where(v => Same(v.ToString(), value) || Same(display(v), value)).Select(v => (TEnum?)v).FirstOrDefault() is { } match)
        {
            return match.ToString();
        }

        add(column, $"'{value}' is not a {noun}; write {choices}.");
        return null;
    }

    private static bool Same(string a, string b) => string.Equals(a, b.Trim(), StringComparison.OrdinalIgnoreCase);

    private static List<string> Devices(string cell, Action<PlanColumn, string> add)
    {
        var names = cell.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var choices = $"{Either(Enum.GetNames<DeviceType>(), "or")}, or several separated by {PlanTemplate.DeviceSeparator} ({PlanTemplate.CombinationExample})";
        var seen = new HashSet<DeviceType>();
        var devices = new List<string>();
        foreach (var name in names)
        {
            if (!Enum.GetValues<DeviceType>().Any(d => Same(d.ToString(), name)))
            {
                add(PlanTemplate.Devices, $"'{name}' is not a device; write {choices}.");
                devices.Add(name);
                continue;
            }

            var device = Enum.GetValues<DeviceType>().First(d => Same(d.ToString(), name));
            if (!seen.Add(device))
            {
                add(PlanTemplate.Devices, $"{device} is written twice; write each device once.");
                continue;
            }

            devices.Add(device.ToString());
        }

        if (names.Length == 0)
        {
            add(PlanTemplate.Devices, $"Write {choices}.");
        }

        return devices;
    }

    private static string? Text(PlanColumn column, string? value, int maxLength, Action<PlanColumn, string> add)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Length > maxLength)
        {
            add(column, $"{value.Length:N0} characters; write at most {maxLength:N0}.");
        }
        else if (value.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            add(column, "Holds control characters, which no one can see or type: delete the cell's text and write it again.");
        }

        return value;
    }

    /// <summary>
    /// The cell as an ISO 8601 instant: one with an offset as it is; a London wall-clock time as written in either
    /// template; in a workbook, a typed date cell's serial number, which Excel keeps in local (here London) time.
    /// </summary>
    private string? Instant(PlanColumn column, string? value, Action<PlanColumn, string> add, bool isStart)
    {
        if (value is null)
        {
            add(column, $"Write the date and time as {HowToWriteDates}.");
            return null;
        }

        DateTimeOffset instant;
        string shown;
        if (DateTimeOffset.TryParseExact(value.EndsWith('Z') ? value[..^1] + "+00:00" : value, OffsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant))
        {
            shown = value;
        }
        else if (Local(value) is { } local)
        {
            shown = Written(local);
            if (!Inside(DateOnly.FromDateTime(local), isStart))
            {
                add(column, Outside(shown, isStart));
                return null;
            }

            instant = LondonTime.At(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local));
        }
        else
        {
            add(column, $"'{value}' is not a date and time; write it as {HowToWriteDates}.");
            return null;
        }

        if (!Inside(LondonTime.DateOf(instant), isStart))
        {
            add(column, Outside(shown, isStart));
            return null;
        }

        return instant.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The London days a start, or an end, may fall on. An end is checked before it is turned into an instant: how far
    /// it lies from its start is the validator's to judge, but a day far outside the horizon may have no London time.
    /// </summary>
    private (DateOnly First, DateOnly Last) Bounds(bool isStart) =>
        isStart ? horizon : (horizon.First, horizon.Last.AddDays((int)ChangeLimits.MaxWindow.TotalDays + 1));

    private bool Inside(DateOnly day, bool isStart) => day >= Bounds(isStart).First && day <= Bounds(isStart).Last;

    private string Outside(string shown, bool isStart) =>
        $"{shown} is outside the planning horizon: write {(isStart ? "a start" : "an end")} from {DateWritten(Bounds(isStart).First)} to {DateWritten(Bounds(isStart).Last)}.";

    private DateTime? Local(string value)
    {
        if (format == PlanFormat.Workbook
            && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial)
            && serial is >= FirstSerial and < LastSerial)
        {
            // Excel keeps times to the millisecond in binary fractions: to the nearest second is what was typed.
            var ticks = DateTime.FromOADate(serial).Ticks;
            return new DateTime((ticks + (TimeSpan.TicksPerSecond / 2)) / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, DateTimeKind.Unspecified);
        }

        return DateTime.TryParseExact(value, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local) ? local : null;
    }

    /// <summary>"A or B", "one of A, B, C or D"; with <c>and</c>, "A and B", "A, B and C".</summary>
    private static string Either(IReadOnlyList<string> items, string conjunction) => items.Count switch
    {
        1 => items[0],
        2 => $"{items[0]} {conjunction} {items[1]}",
        _ when conjunction == "or" => $"one of {string.Join(", ", items)}",
        _ => $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}",
    };
}
