using ChangeCoordination.Web.Features.Calendar;

namespace ChangeCoordination.Web.Api;

/// <summary>The <c>from</c> and <c>to</c> of a report's query: London days, both required, in order, within the horizon.</summary>
public static class DateRanges
{
    /// <summary>The days asked for, or null with each problem named by its field and the fix.</summary>
    private static (DateOnly From, DateOnly To)? Read(string? from, string? to, int maxDays, PlanningHorizon horizon, DateTimeOffset now, FieldErrors errors)
    {
        var fromDate = InputParsing.Date(from, "from", errors);
        var toDate = InputParsing.Date(to, "to", errors);
        horizon.CheckRead(fromDate, "from", now, errors);
        horizon.CheckRead(toDate, "to", now, errors);
        if (errors.Any)
        {
            return null;
        }

        if (fromDate is not { } first || toDate is not { } last)
        {
            errors.Add(fromDate is null ? "from" : "to", "Both 'from' and 'to' are required: dates as YYYY-MM-DD, for example from=2026-11-01&to=2026-11-30.");
            return null;
        }

        if (first > last)
        {
            errors.Add("to", "'to' is before 'from': give the range earliest date first.");
            return null;
        }

        if (last.DayNumber - first.DayNumber >= maxDays)
        {
            errors.Add("to", $"The range is longer than {maxDays} days: ask for a shorter period.");
            return null;
        }

        return (first, last);
    }

    /// <summary>A report's answer for the days asked for, or the 400 that names the field and the fix.</summary>
    public static async Task<IResult> AnswerAsync<T>(string? from, string? to, int maxDays, RuleBook rules, TimeProvider clock, Func<DateOnly, DateOnly, Task<T>> read)
    {
        var errors = new FieldErrors();
        return Read(from, to, maxDays, rules.Horizon, clock.GetUtcNow(), errors) is { } range
            ? Results.Ok(await read(range.From, range.To))
            : errors.ToProblem();
    }
}
