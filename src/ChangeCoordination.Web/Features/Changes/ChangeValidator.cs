using ChangeCoordination.Core;
using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Web.Api;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Features.Calendar;

namespace ChangeCoordination.Web.Features.Changes;

/// <summary>A change's fields once every one of them is valid.</summary>
public sealed record ChangeDraft(
    ChangeKind Kind,
    ChangeType Type,
    DateTimeOffset Start,
    DateTimeOffset End,
    string? Description,
    List<DeviceCombination> DeviceCombinations);

/// <summary>Checks a notified or updated change; the API and the wizard share it, so both say the same thing.</summary>
public static class ChangeValidator
{
    public static ChangeDraft? Validate(ChangeInput input, DateTimeOffset now, RuleBook rules, FieldErrors errors, bool isNew)
    {
        var kind = InputParsing.Enum<ChangeKind>(input.Kind, "kind", errors);
        var type = InputParsing.Enum<ChangeType>(input.Type, "type", errors);
        var start = InputParsing.Instant(input.Start, "start", errors);
        var end = InputParsing.Instant(input.End, "end", errors);
        var description = InputParsing.Text(
            input.Description,
            "description",
            ChangeLimits.DescriptionMaxLength,
            errors,
            kind == ChangeKind.Planned ? "A planned change needs a description: say what is changing and what the DCC may see (an unplanned change may add it later)." : null);
        var devices = DeviceCombinations(input.DeviceCombinations, errors);
        if (kind == ChangeKind.Planned && type == ChangeType.Firmware && devices is { Count: 0 })
        {
            errors.Add("deviceCombinations", "A planned firmware deployment names the devices it targets: add at least one device combination (devices and SMETS generation).");
        }

        if (start is { } s && end is { } e && rules.Horizon.CheckStart(s, "start", now, errors))
        {
            CheckWindow(s, e, now, errors, isNew);
            if (kind == ChangeKind.Unplanned && isNew)
            {
                var lead = rules.Calendar.WorkingDaysBetween(LondonTime.DateOf(now), LondonTime.DateOf(s));
                if (lead > rules.Methodology.NoticeWorkingDays)
                {
                    errors.Add("kind", $"An unplanned change goes in within {rules.Methodology.NoticeWorkingDays} working days; this one starts {lead} working days from now: notify it as Planned.");
                }
            }
        }

        return errors.Any
            ? null
            : new ChangeDraft(kind!.Value, type!.Value, start!.Value, end!.Value, description, devices!);
    }

    private static void CheckWindow(DateTimeOffset start, DateTimeOffset end, DateTimeOffset now, FieldErrors errors, bool isNew)
    {
        if (end <= start)
        {
            errors.Add("end", EndBeforeStart(start, end));
            return;
        }

        if (end - start > ChangeLimits.MaxWindow)
        {
            errors.Add("end", $"An outage window may be at most {ChangeLimits.MaxWindow.TotalDays} days long: split a longer roll-out into one change per outage.");
        }

        if (isNew && end <= now)
        {
            errors.Add("end", "This window has already ended: notify changes before they happen (or while they are in progress).");
        }
    }

    /// <summary>
    /// The words for an end on or before the start: an end up to a day before it is most likely the next morning's time
    /// typed on the start's date. The start is inside the planning horizon; an end far before it may have no London time.
    /// </summary>
    public static string EndBeforeStart(DateTimeOffset start, DateTimeOffset end) =>
        end > start.AddDays(-1)
            ? $"End must be after start: the outage ends at {LondonTime.ToLondon(end):HH:mm} on the next day?"
            : "End must be after start: give the end of the outage window, after its start.";

    private static List<DeviceCombination>? DeviceCombinations(IReadOnlyList<DeviceCombinationInput>? input, FieldErrors errors)
    {
        var result = new List<DeviceCombination>();
        if (input is null)
        {
            return result;
        }

        if (input.Count > ChangeLimits.MaxDeviceCombinations)
        {
            errors.Add("deviceCombinations", $"At most {ChangeLimits.MaxDeviceCombinations} device combinations may be given; this has {input.Count}: group devices that share a generation.");
            return null;
        }

        var valid = true;
        for (var i = 0; i < input.Count; i++)
        {
            var field = $"deviceCombinations[{i}]";
            var combination = input[i];
            if (combination is null)
            {
                errors.Add(field, "A device combination is an object with devices and smets.");
                valid = false;
                continue;
            }

            var errorsBefore = errors.Count;
            var devices = new List<DeviceType>();
            if (combination.Devices is not { Count: > 0 })
            {
                errors.Add($"{field}.devices", $"Name at least one device type: {InputParsing.Choices<DeviceType>()}.");
            }
            else
            {
                for (var d = 0; d < combination.Devices.Count; d++)
                {
                    if (InputParsing.Enum<DeviceType>(combination.Devices[d], $"{field}.devices[{d}]", errors) is { } device)
                    {
                        if (devices.Contains(device))
                        {
                            errors.Add($"{field}.devices[{d}]", $"{device} is listed twice: name each device type once.");
                        }

                        devices.Add(device);
                    }
                }
            }

            var smets = InputParsing.Enum<SmetsGeneration>(combination.Smets, $"{field}.smets", errors);
            var manufacturer = InputParsing.Text(combination.Manufacturer, $"{field}.manufacturer", ChangeLimits.DeviceTextMaxLength, errors);
            var model = InputParsing.Text(combination.Model, $"{field}.model", ChangeLimits.DeviceTextMaxLength, errors);
            var firmware = InputParsing.Text(combination.FirmwareVersion, $"{field}.firmwareVersion", ChangeLimits.DeviceTextMaxLength, errors);
            if (errors.Count > errorsBefore)
            {
                valid = false;
                continue;
            }

            result.Add(new DeviceCombination([.. devices.Order()], smets!.Value, manufacturer, model, firmware));
        }

        return valid ? result : null;
    }
}
