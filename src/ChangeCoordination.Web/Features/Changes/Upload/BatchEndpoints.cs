using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChangeCoordination.Web.Api;
using ChangeCoordination.Web.Identity;
using ChangeCoordination.Web.Observability;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace ChangeCoordination.Web.Features.Changes.Upload;

/// <summary>The answer of a whole plan notified: the references made, in row order.</summary>
public sealed record BatchResponse(IReadOnlyList<string> References);

/// <summary>One row of a refused plan: its number and, by column (or field), what is wrong with it.</summary>
public sealed record BatchRowProblem(int Row, IReadOnlyDictionary<string, string> Errors);

/// <summary>
/// <c>POST /api/v1/changes/batch</c>: a whole plan from a DCC User's pipeline, as the upload page's file (CSV or the
/// .xlsx template, through the same checks) or as a JSON array of <c>POST /api/v1/changes</c> bodies. Every row is
/// checked first; all are notified in one transaction, or none.
/// </summary>
public static partial class BatchEndpoints
{
    public const string CsvType = "text/csv";

    public const string JsonType = "application/json";

    /// <summary>
    /// A JSON plan at most: 500 changes, each with a 4,000-character description and a few device combinations, fit
    /// in about 3 MB. A file has the upload page's limit, <see cref="Spreadsheet.MaxBytes"/>.
    /// </summary>
    public const int MaxJsonBytes = 4 * 1024 * 1024;

    private static readonly string[] Accepted = [CsvType, PlanWorkbook.ContentType, JsonType];

    public static IEndpointRouteBuilder MapBatchEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/changes/batch", async (HttpContext context, PlanUpload upload, ChangeService changes) =>
        {
            var request = context.Request;
            var json = request.HasJsonContentType();
            var file = json ? null : FileKind(request.ContentType);
            if (!json && file is null)
            {
                return Results.Problem(
                    statusCode: StatusCodes.Status415UnsupportedMediaType,
                    title: "The body must be a plan",
                    detail: $"Send the plan as {CsvType} (UTF-8, the template's columns), as the .xlsx template ({PlanWorkbook.ContentType}) or as a JSON array of change bodies ({JsonType}).",
                    extensions: new Dictionary<string, object?> { ["accepted"] = Accepted });
            }

            var (body, problem) = await ReadAsync(request, json ? MaxJsonBytes : Spreadsheet.MaxBytes);
            if (problem is not null)
            {
                return problem;
            }

            var caller = CallerBinding.Require(context);
            return json
                ? await NotifyJsonAsync(caller, body!, changes, context)
                : await NotifyFileAsync(caller, file!, body!, upload, context.RequestServices.GetRequiredService<AppMetrics>(), context.RequestAborted);
        })
        .RequireAuthorization(Policies.DccUser)
        .WithTags("Changes")
        .AddOpenApiOperationTransformer(DescribeBodyAsync)
        .Produces<BatchResponse>(StatusCodes.Status201Created)
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
        .WithSummary($"Notify a whole plan of the caller's organisation, at most {PlanUpload.MaxRows} changes: text/csv in the template's columns, the .xlsx template, or a JSON array of change bodies. All valid: 201 with the references, in one transaction. Any invalid: 400 with the rows' errors, and nothing written.");

        return app;
    }

    /// <summary>
    /// The three bodies, told to the OpenAPI document by hand: declared with <c>Accepts</c>, routing would answer any
    /// other type with a bare 415 before the handler could say which types it takes.
    /// </summary>
    private static async Task DescribeBodyAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var changes = await context.GetOrCreateSchemaAsync(typeof(List<ChangeInput>), cancellationToken: cancellationToken);
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [JsonType] = new() { Schema = changes },
                [CsvType] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
                [PlanWorkbook.ContentType] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
            },
        };
    }

    /// <summary>The upload page's file name for the body's type, which decides how it is read: "plan.csv" or "plan.xlsx".</summary>
    private static string? FileKind(string? contentType)
    {
        var mediaType = Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var parsed) ? parsed.MediaType.Value : null;
        return mediaType switch
        {
            _ when string.Equals(mediaType, CsvType, StringComparison.OrdinalIgnoreCase) => "plan.csv",
            _ when string.Equals(mediaType, PlanWorkbook.ContentType, StringComparison.OrdinalIgnoreCase) => "plan.xlsx",
            _ => null,
        };
    }

    /// <summary>The body, read no further than <paramref name="limit"/> bytes whether or not it says its length.</summary>
    private static async Task<(byte[]? Body, IResult? Problem)> ReadAsync(HttpRequest request, int limit)
    {
        var tooLarge = Results.Problem(
            statusCode: StatusCodes.Status413PayloadTooLarge,
            title: "The plan is too large",
            detail: $"A plan of this type may be at most {limit / 1024} KB: split it into smaller plans. Nothing was notified.");
        if (request.ContentLength > limit)
        {
            return (null, tooLarge);
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return (null, tooLarge);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, tooLarge);
        }

        return buffer.Length == 0
            ? (null, Whole("$", $"The body is empty: send the plan as {CsvType}, the .xlsx template or a JSON array of change bodies."))
            : (buffer.ToArray(), null);
    }

    /// <summary>A file, read and checked as the upload page reads it: rows numbered as the sheet numbers them, errors by column header.</summary>
    private static async Task<IResult> NotifyFileAsync(Caller caller, string fileName, byte[] body, PlanUpload upload, AppMetrics metrics, CancellationToken cancellationToken)
    {
        IReadOnlyList<PlanRow> rows;
        try
        {
            rows = upload.Check(fileName, body);
        }
        catch (FormatException exception)
        {
            return Whole("file", exception.Message);
        }

        if (rows.Any(r => !r.IsValid))
        {
            metrics.RowsImported(PlanUpload.RowsSource, 0, rows.Count);
        }

        var confirmation = rows.Any(r => !r.IsValid) ? null : await upload.ConfirmAsync(caller, rows, cancellationToken);
        return confirmation?.References is { } references
            ? Created(references)
            : Refused(
                [.. (confirmation?.Rows ?? rows).Where(r => !r.IsValid).Select(r => (r.Row, (IReadOnlyDictionary<string, string[]>)r.Errors))],
                rows.Count);
    }

    /// <summary>A JSON array of change bodies: rows numbered from 1, errors by the field names of <c>POST /api/v1/changes</c>.</summary>
    private static async Task<IResult> NotifyJsonAsync(Caller caller, byte[] body, ChangeService changes, HttpContext context)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        List<ChangeInput?>? inputs;
        try
        {
            inputs = JsonSerializer.Deserialize<List<ChangeInput?>>(body, options);
        }
        catch (JsonException exception)
        {
            // A value of the wrong type inside a row names the row and its field; anything else is the body's fault.
            if (exception.InnerException is not JsonException && RowPath().Match(exception.Path ?? "") is { Success: true } match
                && int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                var field = match.Groups[2].Value is { Length: > 0 } name ? name : "$";
                var message = field == "$"
                    ? "The row is not a change body: send an object as POST /api/v1/changes takes."
                    : $"'{field}' has a value of the wrong kind: see the API documentation at /openapi/v1.json for its type.";
                return Refused([(index + 1, new Dictionary<string, string[]> { [field] = [message] })], null);
            }

            return Whole("$", exception.InnerException is JsonException
                ? "The body is not valid JSON: check quotes, commas and brackets."
                : NotAnArray);
        }

        if (inputs is null)
        {
            return Whole("$", NotAnArray);
        }

        if (inputs.Count == 0)
        {
            return Whole("$", "The array is empty: send at least one change body.");
        }

        if (inputs.Count > PlanUpload.MaxRows)
        {
            return Whole("$", $"The plan has {inputs.Count} changes; send at most {PlanUpload.MaxRows} at a time.");
        }

        var missing = inputs.Select((input, i) => (Input: input, Row: i + 1)).Where(r => r.Input is null).ToList();
        if (missing.Count > 0)
        {
            return Refused(
                [.. missing.Select(r => (r.Row, (IReadOnlyDictionary<string, string[]>)new Dictionary<string, string[]> { ["$"] = ["The row is null: send a change body (an object, as POST /api/v1/changes takes) for every row."] }))],
                inputs.Count);
        }

        var notified = await changes.NotifyManyAsync(caller, [.. inputs.Select(i => i!)], context.RequestAborted);
        context.RequestServices.GetRequiredService<AppMetrics>().RowsImported(PlanUpload.RowsSource, notified.Created.Count, notified.Invalid.Count == 0 ? 0 : inputs.Count);
        return notified.Invalid.Count == 0
            ? Created([.. notified.Created.Select(c => c.Reference)])
            : Refused([.. notified.Invalid.Select(e => (e.Key + 1, (IReadOnlyDictionary<string, string[]>)e.Value.ToDictionary().AsReadOnly()))], inputs.Count);
    }

    private const string NotAnArray = "The body must be a JSON array of change bodies, each as POST /api/v1/changes takes: [ { \"kind\": \"Planned\", ... }, ... ].";

    /// <summary>201 with the references; no Location, as there are many.</summary>
    private static IResult Created(IReadOnlyList<string> references) => Results.Json(new BatchResponse(references), statusCode: StatusCodes.Status201Created);

    /// <summary>
    /// 400 naming each bad row: <c>rows</c> as the contract gives it (one message a column), and the house's
    /// <c>errors</c> object (<c>rows[3].Start</c>) for clients that read every validation problem alike.
    /// </summary>
    private static IResult Refused(IReadOnlyList<(int Row, IReadOnlyDictionary<string, string[]> Errors)> rows, int? total)
    {
        var errors = rows
            .SelectMany(r => r.Errors.Select(e => (Key: $"rows[{r.Row}].{e.Key}", e.Value)))
            .ToDictionary(e => e.Key, e => e.Value);
        var problems = rows.Select(r => new BatchRowProblem(r.Row, r.Errors.ToDictionary(e => e.Key, e => string.Join(" ", e.Value)))).ToList();
        var counted = total is { } all ? $"{ChangeText.Plural(rows.Count, "row")} of {all} {(rows.Count == 1 ? "has" : "have")} problems" : "A row has a problem";
        return Results.ValidationProblem(
            errors,
            title: "The plan has invalid rows: nothing was notified.",
            detail: $"{counted}: mend {(rows.Count == 1 ? "it" : "them")} and send the whole plan again.",
            extensions: new Dictionary<string, object?> { ["rows"] = problems });
    }

    /// <summary>400 for the body as a whole, in the house's form.</summary>
    private static IResult Whole(string field, string message)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return errors.ToProblem();
    }

    [GeneratedRegex(@"^\$\[(\d+)\](?:\.(.+))?$")]
    private static partial Regex RowPath();
}
