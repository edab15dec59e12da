using System.Globalization;
using ChangeCoordination.Core;
using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Web.Components.Forms;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Features.Changes;

namespace ChangeCoordination.Web.Features.InternalChanges;

/// <summary>
/// The Forward Schedule of Change entry as the assessor fills it in: checked in the screen's words, field by field,
/// before anything is sent; only a form without problems becomes the API's input.
/// </summary>
public sealed class ScheduleEntryForm
{
    public const string TitleField = "title";
    public const string ServicesField = "services";
    public const string StartField = "start";
    public const string StartTimeField = "startTime";
    public const string EndField = "end";
    public const string EndTimeField = "endTime";

    public string? Title { get; set; }

    public IReadOnlyCollection<DccService> Services { get; set; } = [];

    public bool PlannedMaintenance { get; set; } = true;

    public DateOnly? StartDate { get; set; }

    public TimeOnly? StartTime { get; set; } = new(22, 0);

    public DateOnly? EndDate { get; set; }

    public TimeOnly? EndTime { get; set; } = new(2, 0);

    public int ImpactScore { get; set; } = 2;

    public int ProbabilityScore { get; set; } = 2;

    public DateTimeOffset? Start => At(StartDate, StartTime);

    public DateTimeOffset? End => At(EndDate, EndTime);

    /// <summary>Which field a message is shown under: a window's date and time fields share one.</summary>
    public static string Group(string field) => field switch
    {
        StartTimeField => StartField,
        EndTimeField => EndField,
        _ => field,
    };

    /// <summary>What is wrong, by field, in the words of the screen.</summary>
    public IReadOnlyDictionary<string, string> Problems()
    {
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(Title))
        {
            problems[TitleField] = "Title: give the change a title, for example 'Firewall rule update on the DSP'.";
        }

        if (Services.Count == 0)
        {
            problems[ServicesField] = "Services: choose at least one service.";
        }

        Moment(problems, "Start", StartField, StartTimeField, StartDate, StartTime);
        Moment(problems, "End", EndField, EndTimeField, EndDate, EndTime);
        if (Start is { } start && End is { } end)
        {
            if (end <= start)
            {
                problems[EndField] = ChangeValidator.EndBeforeStart(start, end);
            }
            else if (end - start > ChangeLimits.MaxWindow)
            {
                problems[EndField] = $"End: an outage window may be at most {ChangeLimits.MaxWindow.TotalDays} days long: split it.";
            }
        }

        return problems;
    }

    /// <summary>A problem the API found that the form could not (a start outside the planning horizon), said in the screen's words.</summary>
    public static (string Field, string Message) Refusal(string field, string message)
    {
        var own = field.StartsWith("services", StringComparison.Ordinal) ? ServicesField : field;
        return own switch
        {
            StartField => (StartField, "Start: that day is outside the planning horizon; choose a day nearer today."),
            _ => (own, message),
        };
    }

    public InternalChangeInput ToInput() => new(
        Title,
        [.. Services.Select(s => s.ToString())],
        PlannedMaintenance,
        Start?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        End?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        ImpactScore,
        ProbabilityScore);

    private static void Moment(Dictionary<string, string> problems, string word, string dateField, string timeField, DateOnly? date, TimeOnly? time)
    {
        if (date is null && time is null)
        {
            problems[dateField] = $"{word}: type the date as {UkDates.DatePattern} and the time as {UkDates.TimePattern}.";
        }
        else if (date is null)
        {
            problems[dateField] = $"{word}: type the date as {UkDates.DatePattern}.";
        }
        else if (time is null)
        {
            problems[timeField] = $"{word}: type the time as {UkDates.TimePattern}, on the 24-hour clock.";
        }
    }

    private static DateTimeOffset? At(DateOnly? date, TimeOnly? time) =>
        date is { } d && time is { } t ? LondonTime.At(d, t) : null;
}
