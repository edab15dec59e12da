using System.Globalization;
using ChangeCoordination.Core;
using ChangeCoordination.Web.Api;
using ChangeCoordination.Web.Data;

namespace ChangeCoordination.Web.Features.Changes.Upload;

/// <summary>The two forms of the template: CSV writes dates as text, a workbook as typed date cells.</summary>
public enum PlanFormat
{
    Csv,
    Workbook,
}

/// <summary>One column of the template: its header as the template writes it, and what its Columns sheet says of it.</summary>
public sealed record PlanColumn(string Header, string What, string Required, string Allowed, double Width)
{
    /// <summary>The header as a file may write it: any case, spaces or none ("Firmware version", "firmwareVersion").</summary>
    public bool Matches(string header) => Key(header) == Key(Header);

    private static string Key(string header) => string.Concat(header.Where(c => !char.IsWhiteSpace(c) && c != '_')).ToUpperInvariant();
}

/// <summary>The plan template's columns and example rows, shared by the CSV and .xlsx templates, the reader and its messages.</summary>
public static class PlanTemplate
{
    public const string DeviceSeparator = ";";

    /// <summary>How several devices are written in one cell.</summary>
    public static readonly string CombinationExample = string.Join(DeviceSeparator, DeviceType.ESME, DeviceType.CommsHub);

    public static readonly PlanColumn Kind = new("Kind", "Planned, or Unplanned for a change that must go in within the 20 working days' notice.", "Yes", Choices<ChangeKind>(ChangeText.Kind), 12);

    public static readonly PlanColumn Type = new("Type", "What is changing: your own systems, a firmware roll-out to devices, or a business-critical change.", "Yes", Choices<ChangeType>(ChangeText.Type), 18);

    public static readonly PlanColumn Start = new("Start", "When the outage window opens, in London time (GMT or BST as the day has it).", "Yes", "A date and time inside the planning horizon.", 18);

    public static readonly PlanColumn End = new("End", "When the outage window closes, in London time; after Start (the next day for a window across midnight).", "Yes", $"A date and time after Start, at most {ChangeLimits.MaxWindow.TotalDays} days later.", 18);

    public static readonly PlanColumn Description = new("Description", "What is changing and what the DCC may see.", "For a planned change", $"Text, at most {ChangeLimits.DescriptionMaxLength:N0} characters.", 48);

    public static readonly PlanColumn Devices = new("Devices", "The device types a firmware roll-out targets.", "For a planned firmware deployment", $"{Choices<DeviceType>(ChangeText.Device)}; several separated by {DeviceSeparator}", 20);

    public static readonly PlanColumn Smets = new("SMETS", "The SMETS generation of those devices.", "When Devices is filled", string.Join(", ", Enum.GetNames<SmetsGeneration>()), 10);

    public static readonly PlanColumn Manufacturer = new("Manufacturer", "The devices' manufacturer.", "No", DeviceText, 16);

    public static readonly PlanColumn Model = new("Model", "The devices' model.", "No", DeviceText, 14);

    public static readonly PlanColumn FirmwareVersion = new("Firmware version", "The firmware version being deployed.", "No", DeviceText, 16);

    public static readonly IReadOnlyList<PlanColumn> Columns = [Kind, Type, Start, End, Description, Devices, Smets, Manufacturer, Model, FirmwareVersion];

    /// <summary>The columns a file must have: the rest may be left out.</summary>
    public static readonly IReadOnlyList<PlanColumn> RequiredHeaders = [Kind, Type, Start, End];

    public static string Headers => string.Join(", ", Columns.Select(c => c.Header));

    private static string DeviceText => $"Text, at most {ChangeLimits.DeviceTextMaxLength} characters.";

    /// <summary>
    /// The example rows: a firmware roll-out on the Tuesday at least six weeks ahead (so well past the notice period),
    /// and a head-end release across midnight the day after.
    /// </summary>
    public static IReadOnlyList<PlanExample> Examples(DateOnly today)
    {
        var tuesday = today.AddDays(42);
        tuesday = tuesday.AddDays(((int)DayOfWeek.Tuesday - (int)tuesday.DayOfWeek + 7) % 7);
        var wednesday = tuesday.AddDays(1);
        return
        [
            new(ChangeKind.Planned, ChangeType.Firmware, tuesday.ToDateTime(new TimeOnly(20, 0)), tuesday.ToDateTime(new TimeOnly(23, 30)), "Firmware 4.2 to ESME in batches of 5,000", [DeviceType.ESME, DeviceType.CommsHub], SmetsGeneration.SMETS2, "Acme", "E470", "4.2.0"),
            new(ChangeKind.Planned, ChangeType.UserSystem, wednesday.ToDateTime(new TimeOnly(22, 0)), wednesday.AddDays(1).ToDateTime(new TimeOnly(1, 0)), "Head-end release 7.1: service requests queue for up to 20 minutes", [], null, null, null, null),
        ];
    }

    /// <summary>A date and time as the template of <paramref name="format"/> shows it: the CSV as written, a workbook's cells as displayed.</summary>
    public static string Written(DateTime local, PlanFormat format) =>
        local.ToString(format == PlanFormat.Csv ? "yyyy-MM-dd HH:mm" : "dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The CSV template: the header and the example rows.</summary>
    public static string Csv(DateOnly today) => Api.Csv.Write(
        [.. Columns.Select(c => c.Header)],
        Examples(today).Select(e => (IReadOnlyList<string?>)[e.Kind.ToString(), e.Type.ToString(), Written(e.Start, PlanFormat.Csv), Written(e.End, PlanFormat.Csv), e.Description, e.DevicesText, e.Smets?.ToString(), e.Manufacturer, e.Model, e.FirmwareVersion]));

    /// <summary>"UserSystem (User System change)", "ESME (electricity meter)", "Type2 (Type 2, other devices)": what to write, and what it means.</summary>
    private static string Choices<TEnum>(Func<TEnum, string> display)
        where TEnum : struct, Enum =>
        string.Join(", ", Enum.GetValues<TEnum>().Select(v => display(v).StartsWith(v.ToString(), StringComparison.Ordinal) ? display(v) : $"{v} ({display(v).Replace(" (", ", ", StringComparison.Ordinal).TrimEnd(')')})"));
}

/// <summary>An example row of the template, in local (London) wall-clock times.</summary>
public sealed record PlanExample(
    ChangeKind Kind,
    ChangeType Type,
    DateTime Start,
    DateTime End,
    string Description,
    IReadOnlyList<DeviceType> Devices,
    SmetsGeneration? Smets,
    string? Manufacturer,
    string? Model,
    string? FirmwareVersion)
{
    public string? DevicesText => Devices.Count == 0 ? null : string.Join(PlanTemplate.DeviceSeparator, Devices);
}
