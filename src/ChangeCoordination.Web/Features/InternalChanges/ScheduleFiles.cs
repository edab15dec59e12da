using System.Globalization;
using System.Text;
using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Web.Api;
using ChangeCoordination.Web.Identity;

namespace ChangeCoordination.Web.Features.InternalChanges;

/// <summary>The Forward Schedule of Change as files: CSV out and in, and an iCalendar (.ics) feed.</summary>
public static class ScheduleFiles
{
    public const int MaxImportBytes = 1024 * 1024;
    public const int MaxImportRows = 1000;

    private static readonly string[] Header = ["reference", "title", "services", "plannedMaintenance", "start", "end", "impactScore", "probabilityScore", "risk", "status"];
    private static readonly string[] Required = ["title", "services", "plannedMaintenance", "start", "end", "impactScore", "probabilityScore"];

    public static string ToCsv(IEnumerable<InternalChangeResponse> schedule) =>
        Csv.Write(Header, schedule.Select(c => (IReadOnlyList<string?>)
        [
            c.Reference,
            c.Title,
            string.Join(';', c.Services),
            c.PlannedMaintenance ? "true" : "false",
            Instant(c.Start),
            Instant(c.End),
            c.ImpactScore.ToString(CultureInfo.InvariantCulture),
            c.ProbabilityScore.ToString(CultureInfo.InvariantCulture),
            c.Risk.ToString(),
            c.Status,
        ]));

    public static string ToICalendar(IEnumerable<InternalChangeResponse> schedule, DateTimeOffset stamp) =>
        ICalendar.Write(
            "DCC Forward Schedule of Change",
            schedule.Select(c => new CalendarEvent(
                $"{c.Reference}@change-coordination",
                c.Revision,
                c.Start,
                c.End,
                $"{(c.PlannedMaintenance ? "Planned Maintenance: " : "")}{c.Title} ({c.Risk})",
                $"{c.Reference}. Services: {string.Join(", ", c.Services)}. Impact {c.ImpactScore} x probability {c.ProbabilityScore} = {c.Score}: {c.Risk}.",
                c.PlannedMaintenance ? "Planned Maintenance" : "DCC change")),
            stamp);

    /// <summary>The rows of an uploaded CSV (UTF-8, as every upload) as inputs, or the problem with the file as a whole.</summary>
    public static (IReadOnlyList<InternalChangeInput>? Rows, FieldErrors? Problem) FromCsv(ReadOnlySpan<byte> content)
    {
        var problem = new FieldErrors();
        List<string[]> rows;
        try
        {
            rows = Csv.Parse(Csv.Decode(content));
        }
        catch (FormatException exception)
        {
            problem.Add("file", exception.Message);
            return (null, problem);
        }

        if (rows.Count < 2)
        {
            problem.Add("file", $"The file has no rows under its header: the header is {string.Join(",", Header)} (reference, risk and status are ignored).");
            return (null, problem);
        }

        var columns = rows[0].Select((name, index) => (Name: name.Trim(), index)).ToDictionary(c => c.Name, c => c.index, StringComparer.OrdinalIgnoreCase);
        var missing = Required.Where(r => !columns.ContainsKey(r)).ToList();
        if (missing.Count > 0)
        {
            problem.Add("file", $"The header lacks {string.Join(", ", missing)}: the columns are {string.Join(",", Header)} (reference, risk and status are ignored).");
            return (null, problem);
        }

        if (rows.Count - 1 > MaxImportRows)
        {
            problem.Add("file", $"The file has {rows.Count - 1} rows; import at most {MaxImportRows} at a time.");
            return (null, problem);
        }

        string? Cell(string[] row, string name) => columns[name] < row.Length ? row[columns[name]].Trim() : null;
        return ([.. rows.Skip(1).Select(row => new InternalChangeInput(
            Cell(row, "title"),
            Cell(row, "services")?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            bool.TryParse(Cell(row, "plannedMaintenance"), out var pm) ? pm : null,
            Cell(row, "start"),
            Cell(row, "end"),
            int.TryParse(Cell(row, "impactScore"), NumberStyles.None, CultureInfo.InvariantCulture, out var impact) ? impact : null,
            int.TryParse(Cell(row, "probabilityScore"), NumberStyles.None, CultureInfo.InvariantCulture, out var probability) ? probability : null))], null);
    }

    public static IEndpointRouteBuilder MapScheduleFileEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/internal-changes").WithTags("Forward Schedule of Change");

        group.MapGet("/export.csv", async (InternalChangeService service, TimeProvider clock, CancellationToken cancellationToken) =>
            Results.File(Encoding.UTF8.GetBytes(ToCsv(await ScheduledAsync(service, clock, cancellationToken))), "text/csv; charset=utf-8", "forward-schedule-of-change.csv"))
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("The Forward Schedule of Change (from the start of this month, a year ahead) as CSV.");

        group.MapGet("/export.ics", async (InternalChangeService service, TimeProvider clock, CancellationToken cancellationToken) =>
            Results.File(Encoding.UTF8.GetBytes(ToICalendar(await ScheduledAsync(service, clock, cancellationToken), clock.GetUtcNow())), "text/calendar; charset=utf-8", "forward-schedule-of-change.ics"))
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("The Forward Schedule of Change as an iCalendar (.ics) file.");

        group.MapPost("/import", async (HttpContext context, InternalChangeService service) =>
        {
            if (context.Request.ContentLength > MaxImportBytes)
            {
                return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The file is too large", detail: $"Import at most {MaxImportBytes / 1024} KB of CSV at a time.");
            }

            var buffer = new byte[MaxImportBytes + 1];
            var read = await context.Request.Body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, context.RequestAborted);
            if (read > MaxImportBytes)
            {
                return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The file is too large", detail: $"Import at most {MaxImportBytes / 1024} KB of CSV at a time.");
            }

            var (rows, problem) = FromCsv(buffer.AsSpan(0, read));
            if (problem is not null)
            {
                return problem.ToProblem();
            }

            var outcome = await service.ImportAsync(CallerBinding.Require(context), rows!, context.RequestAborted);
            return outcome.Kind == OutcomeKind.Created ? Results.Ok(outcome.Value) : outcome.Errors!.ToProblem();
        })
        .RequireAuthorization(Policies.Assessor)
        .Accepts<string>("text/csv")
        .WithSummary("Import DCC internal changes from CSV: every row is checked, and nothing is written unless all are valid.");

        return app;
    }

    private static async Task<IEnumerable<InternalChangeResponse>> ScheduledAsync(InternalChangeService service, TimeProvider clock, CancellationToken cancellationToken)
    {
        var today = LondonTime.DateOf(clock.GetUtcNow());
        var from = new DateOnly(today.Year, today.Month, 1);
        return (await service.ListAsync(from, from.AddYears(1), cancellationToken)).Where(c => c.Status == nameof(Data.InternalChangeStatus.Scheduled));
    }

    private static string Instant(DateTimeOffset instant) => instant.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
