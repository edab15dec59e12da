using System.Globalization;
using ChangeCoordination.Core;
using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Web.Api;
using ChangeCoordination.Web.Features.Calendar;

namespace ChangeCoordination.Web.Features.Changes;

/// <summary>
/// What the wizard holds while a User fills it in: dates and times as the pickers give them (UK time), turned into
/// the API's <see cref="ChangeInput"/> so that <see cref="ChangeValidator"/> checks it exactly as the API would.
/// </summary>
public sealed class ChangeForm
{
    public ChangeKind? Kind { get; set; }

    public ChangeType? Type { get; set; }

    /// <summary>yyyy-MM-dd.</summary>
    public string? StartDate { get; set; }

    /// <summary>HH:mm, 24-hour UK time.</summary>
    public string? StartTime { get; set; }

    public string? EndDate { get; set; }

    public string? EndTime { get; set; }

    public string? Description { get; set; }

    public List<DeviceCombinationForm> DeviceCombinations { get; } = [new()];

    public DateTimeOffset? Start => At(StartDate, StartTime);

    public DateTimeOffset? End => At(EndDate, EndTime);

    public static ChangeForm From(ChangeResponse change)
    {
        var form = new ChangeForm
        {
            Kind = change.Kind,
            Type = change.Type,
            StartDate = DatePart(change.Start),
            StartTime = TimePart(change.Start),
            EndDate = DatePart(change.End),
            EndTime = TimePart(change.End),
            Description = change.Description,
        };
        if (change.DeviceCombinations is { Count: > 0 } combinations)
        {
            form.DeviceCombinations.Clear();
            form.DeviceCombinations.AddRange(combinations.Select(DeviceCombinationForm.From));
        }

        return form;
    }

    /// <summary>The body the API would receive; a combination left wholly empty is not sent.</summary>
    public ChangeInput ToInput() => new(
        Kind?.ToString(),
        Type?.ToString(),
        Start?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        End?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        Description,
        [.. DeviceCombinations.Where(c => !c.IsEmpty).Select(c => c.ToInput())]);

    /// <summary>
    /// Every problem, keyed as the API keys them (<c>start</c>, <c>deviceCombinations[0].smets</c>): the wizard's own
    /// words for a choice or a date not yet made, then the shared validator for everything else.
    /// </summary>
    public IReadOnlyDictionary<string, string> Validate(DateTimeOffset now, RuleBook rules, bool isNew)
    {
        var own = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Kind is null)
        {
            own["kind"] = "Choose Planned or Unplanned.";
        }

        if (Type is null)
        {
            own["type"] = "Choose the type of change.";
        }

        CheckMoment(own, "start", "start", StartDate, StartTime);
        CheckMoment(own, "end", "end", EndDate, EndTime);

        var errors = new FieldErrors();
        ChangeValidator.Validate(ToInput(), now, rules, errors, isNew);
        var result = new Dictionary<string, string>(own, StringComparer.Ordinal);
        foreach (var (field, messages) in errors.ToDictionary())
        {
            if (!own.ContainsKey(field))
            {
                result[Position(field)] = messages[0];
            }
        }

        return result;
    }

    /// <summary>The API numbers only the combinations sent; the wizard numbers every row, empty ones included.</summary>
    public string Position(string field)
    {
        const string prefix = "deviceCombinations[";
        if (!field.StartsWith(prefix, StringComparison.Ordinal))
        {
            return field;
        }

        var close = field.IndexOf(']', StringComparison.Ordinal);
        var sent = int.Parse(field.AsSpan(prefix.Length, close - prefix.Length), CultureInfo.InvariantCulture);
        var row = DeviceCombinations.Select((c, i) => (c, i)).Where(x => !x.c.IsEmpty).Select(x => x.i).ElementAtOrDefault(sent);
        return $"{prefix}{row.ToString(CultureInfo.InvariantCulture)}{field[close..]}";
    }

    private static void CheckMoment(Dictionary<string, string> errors, string field, string word, string? date, string? time)
    {
        if (string.IsNullOrWhiteSpace(date) && string.IsNullOrWhiteSpace(time))
        {
            errors[field] = $"Give the {word} date and time (UK time).";
        }
        else if (ParseDate(date) is null)
        {
            errors[field] = $"Give the {word} date: pick it in the calendar or type it as dd/mm/yyyy.";
        }
        else if (ParseTime(time) is null)
        {
            errors[field] = $"Give the {word} time in 24-hour UK time, for example 20:00.";
        }
    }

    private static DateTimeOffset? At(string? date, string? time) =>
        ParseDate(date) is { } d && ParseTime(time) is { } t ? LondonTime.At(d, t) : null;

    private static DateOnly? ParseDate(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static TimeOnly? ParseTime(string? value) =>
        TimeOnly.TryParseExact(value, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;

    private static string DatePart(DateTimeOffset instant) => LondonTime.ToLondon(instant).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string TimePart(DateTimeOffset instant) => LondonTime.ToLondon(instant).ToString("HH:mm", CultureInfo.InvariantCulture);
}

/// <summary>One device combination as the wizard edits it.</summary>
public sealed class DeviceCombinationForm
{
    public HashSet<DeviceType> Devices { get; } = [];

    public SmetsGeneration? Smets { get; set; }

    public string? Manufacturer { get; set; }

    public string? Model { get; set; }

    public string? FirmwareVersion { get; set; }

    public bool IsEmpty => Devices.Count == 0 && Smets is null
        && string.IsNullOrWhiteSpace(Manufacturer) && string.IsNullOrWhiteSpace(Model) && string.IsNullOrWhiteSpace(FirmwareVersion);

    public static DeviceCombinationForm From(DeviceCombinationResponse combination)
    {
        var form = new DeviceCombinationForm
        {
            Smets = combination.Smets,
            Manufacturer = combination.Manufacturer,
            Model = combination.Model,
            FirmwareVersion = combination.FirmwareVersion,
        };
        form.Devices.UnionWith(combination.Devices);
        return form;
    }

    public DeviceCombinationInput ToInput() => new(
        [.. Devices.Order().Select(d => d.ToString())],
        Smets?.ToString(),
        Manufacturer,
        Model,
        FirmwareVersion);
}
