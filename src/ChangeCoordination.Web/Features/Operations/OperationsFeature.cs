using System.Globalization;
using System.Text;
using ChangeCoordination.Web.Api;
using ChangeCoordination.Web.Features.Calendar;
using ChangeCoordination.Web.Identity;
using Microsoft.AspNetCore.Http.Features;

namespace ChangeCoordination.Web.Features.Operations;

/// <summary>
/// The operations room: the TOC's operational exports imported and kept (<see cref="OperationsImport"/>,
/// <see cref="OperationsStore"/>), the performance and outcome reports made from them (<see cref="PerformanceReports"/>,
/// <see cref="OutcomeReports"/>), and the business process to SRV table they read (<see cref="VariantBook"/>,
/// <see cref="VariantTableEditor"/>, mapped by <see cref="VariantTableEndpoints"/>).
/// </summary>
public static class OperationsFeature
{
    public static WebApplicationBuilder AddOperationsFeature(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OperationsImport>();
        builder.Services.AddSingleton<OperationsStore>();
        builder.Services.AddSingleton<PerformanceReports>();
        builder.Services.AddSingleton<VariantBook>();
        builder.Services.AddSingleton<VariantTableEditor>();
        builder.Services.AddSingleton<OutcomeReports>();
        return builder;
    }

    public static IEndpointRouteBuilder MapOperationsEndpoints(this IEndpointRouteBuilder app)
    {
        var operations = app.MapGroup("/api/v1/operations").WithTags("Operations");

        operations.MapPost("/service-requests", async (HttpContext context, OperationsImport import) =>
        {
            var (input, problem) = await JsonBody.ReadAsync<List<ServiceRequestInput>>(context.Request);
            return problem ?? ToResult(await import.ImportAsync(CallerBinding.Require(context), input!, OperationsImport.ArrayIndex, context.RequestAborted), csv: false);
        })
            .RequireAuthorization(Policies.TocOrManager)
            .Accepts<List<ServiceRequestInput>>("application/json")
            .Produces<ImportResult>()
            .ProducesValidationProblem()
            .WithSummary("Import service request records (a JSON array); any bad row writes nothing. A request id already stored is kept as it is.");

        operations.MapPost("/outages", async (HttpContext context, OperationsImport import) =>
        {
            var (input, problem) = await JsonBody.ReadAsync<List<OutageInput>>(context.Request);
            return problem ?? ToResult(await import.ImportAsync(CallerBinding.Require(context), input!, OperationsImport.ArrayIndex, context.RequestAborted), csv: false);
        })
        .RequireAuthorization(Policies.TocOrManager)
        .Accepts<List<OutageInput>>("application/json")
        .Produces<ImportResult>()
        .ProducesValidationProblem()
        .WithSummary("Import service outages (a JSON array); any bad row writes nothing. An outage reference already stored is replaced.");

        operations.MapPost("/incidents", async (HttpContext context, OperationsImport import) =>
        {
            var (input, problem) = await JsonBody.ReadAsync<List<IncidentInput>>(context.Request);
            return problem ?? ToResult(await import.ImportAsync(CallerBinding.Require(context), input!, OperationsImport.ArrayIndex, context.RequestAborted), csv: false);
        })
        .RequireAuthorization(Policies.TocOrManager)
        .Accepts<List<IncidentInput>>("application/json")
        .Produces<ImportResult>()
        .ProducesValidationProblem()
        .WithSummary("Import incidents (a JSON array); any bad row writes nothing. An incident reference already stored is replaced (responded, resolved).");

        operations.MapPost("/imports/{kind}", async (HttpContext context, string kind, OperationsImport import) =>
        {
            if (OperationalKinds.FromRoute(kind) is not { } which)
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "Import one of service-requests, outages or incidents.");
            }

            var (text, problem) = await ReadCsvAsync(context.Request);
            if (problem is not null)
            {
                return problem;
            }

            try
            {
                return ToResult(await import.ImportCsvAsync(CallerBinding.Require(context), which, text!, context.RequestAborted), csv: true);
            }
            catch (FormatException exception)
            {
                var errors = new FieldErrors();
                errors.Add("file", exception.Message);
                return errors.ToProblem();
            }
        })
        .RequireAuthorization(Policies.TocOrManager)
        .Accepts<string>("text/csv")
        .Produces<ImportResult>()
        .ProducesValidationProblem()
        .WithSummary("Import a CSV file of service-requests, outages or incidents (the templates' columns); any bad row writes nothing.");

        operations.MapGet("/templates/{kind}.csv", (string kind) => OperationalKinds.FromRoute(kind) is { } which
                ? Results.File(Encoding.UTF8.GetBytes(OperationalKinds.Template(which)), "text/csv; charset=utf-8", $"{OperationalKinds.Route(which)}-template.csv")
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "There are templates for service-requests, outages and incidents."))
            .RequireAuthorization(Policies.TocOrManager)
            .WithSummary("The CSV template of one kind of operational data.");

        operations.MapGet("/report", async (HttpContext context, string? month, PerformanceReports reports, RuleBook rules, TimeProvider clock) =>
        {
            var (first, problem) = ParseMonth(month, rules.Horizon, clock.GetUtcNow());
            return problem ?? Results.Ok(await reports.BuildAsync(first!.Value.Year, first.Value.Month, context.RequestAborted));
        })
            .RequireAuthorization(Policies.DccStaff)
            .Produces<PerformanceReportResponse>()
            .ProducesValidationProblem()
            .WithSummary("The monthly Performance Measurement Report (seed 004): RSVP per business process, availability per service and region, CPM5.");

        operations.MapGet("/report.csv", async (HttpContext context, string? month, PerformanceReports reports, RuleBook rules, TimeProvider clock) =>
        {
            var (first, problem) = ParseMonth(month, rules.Horizon, clock.GetUtcNow());
            if (problem is not null)
            {
                return problem;
            }

            var report = await reports.BuildAsync(first!.Value.Year, first.Value.Month, context.RequestAborted);
            return Results.File(Encoding.UTF8.GetBytes(PerformanceReports.ToCsv(report)), "text/csv; charset=utf-8", $"performance-report-{report.Month}.csv");
        })
        .RequireAuthorization(Policies.DccStaff)
        .WithSummary("The monthly Performance Measurement Report as CSV: one figure a row.");

        app.MapGet("/api/v1/outcomes", (HttpContext context, string? from, string? to, OutcomeReports outcomes, RuleBook rules, TimeProvider clock) =>
            DateRanges.AnswerAsync(from, to, OutcomeReports.MaxDays, rules, clock, (first, last) => outcomes.BuildAsync(first, last, context.RequestAborted)))
        .RequireAuthorization(Policies.DccStaff)
        .WithTags("Operations")
        .Produces<OutcomesResponse>()
        .ProducesValidationProblem()
        .WithSummary("Prediction against outcome: incidents, downtime and failure share on White, Green, Amber and Red days, per change type and organisation.");

        app.MapVariantTableEndpoints();
        return app;
    }

    private static (DateOnly? Month, IResult? Problem) ParseMonth(string? month, PlanningHorizon horizon, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        if (DateOnly.TryParseExact($"{month}-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
        {
            return horizon.CheckRead(first, "month", now, errors) ? (first, null) : (null, errors.ToProblem());
        }

        errors.Add("month", month is null ? "'month' is required: YYYY-MM, for example month=2026-11." : $"'{month}' is not a month: write it as YYYY-MM, for example 2026-11.");
        return (null, errors.ToProblem());
    }

    private static IResult ToResult(ImportOutcome outcome, bool csv)
    {
        if (outcome.Result is { } result)
        {
            return Results.Ok(result);
        }

        var errors = new FieldErrors();
        foreach (var problem in outcome.Problems)
        {
            foreach (var (field, messages) in problem.Errors)
            {
                foreach (var message in messages)
                {
                    errors.Add(csv ? $"rows[{problem.Row}].{field}" : $"[{problem.Row}].{field}", message);
                }
            }
        }

        if (outcome.ProblemRows > outcome.Problems.Count)
        {
            errors.Add("$", $"{outcome.ProblemRows} rows have problems; the first {outcome.Problems.Count} are listed. Mend them and send the whole file again.");
        }

        return errors.ToProblem();
    }

    private static async Task<(string? Text, IResult? Problem)> ReadCsvAsync(HttpRequest request)
    {
        if (request.ContentType is not { } type || !type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "The body must be CSV", detail: "Send the file as the body with Content-Type: text/csv."));
        }

        var tooLarge = Results.Problem(
            statusCode: StatusCodes.Status413PayloadTooLarge,
            title: "The file is too large",
            detail: $"A file may be at most {OperationsImport.MaxCsvBytes / 1024 / 1024} MB: split it by day. Nothing was imported.");
        if (request.ContentLength > OperationsImport.MaxCsvBytes)
        {
            return (null, tooLarge);
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = OperationsImport.MaxCsvBytes;
        }

        try
        {
            using var reader = new StreamReader(request.Body, new UTF8Encoding(false, throwOnInvalidBytes: true));
            return (await reader.ReadToEndAsync(request.HttpContext.RequestAborted), null);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, tooLarge);
        }
        catch (DecoderFallbackException)
        {
            var errors = new FieldErrors();
            errors.Add("file", "The file is not UTF-8 text: save it as CSV UTF-8 and import it again.");
            return (null, errors.ToProblem());
        }
    }
}
