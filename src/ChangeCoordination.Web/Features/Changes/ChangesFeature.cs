using ChangeCoordination.Core;
using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Web.Api;
using ChangeCoordination.Web.Features.Calendar;
using ChangeCoordination.Web.Features.Changes.Upload;
using ChangeCoordination.Web.Features.Reviews;
using ChangeCoordination.Web.Identity;
using Microsoft.AspNetCore.Http.Features;

namespace ChangeCoordination.Web.Features.Changes;

/// <summary>
/// The changes room: the notified changes and their revisions (<see cref="ChangeService"/>), the quiet windows a
/// change is checked against (<see cref="QuietWindows"/>), and a whole plan notified at once from a file or a
/// pipeline (<see cref="PlanUpload"/> and <see cref="BatchEndpoints"/>, in <c>Upload/</c>).
/// </summary>
public static class ChangesFeature
{
    private const string What = "change";

    public static WebApplicationBuilder AddChangesFeature(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ChangeService>();
        builder.Services.AddSingleton<QuietWindows>();
        builder.Services.AddSingleton<PlanUpload>();
        return builder;
    }

    public static IEndpointRouteBuilder MapChangeEndpoints(this IEndpointRouteBuilder app)
    {
        var changes = app.MapGroup("/api/v1/changes").WithTags("Changes");

        changes.MapGet("/template.csv", (TimeProvider clock) => Results.File(System.Text.Encoding.UTF8.GetBytes(Upload.PlanTemplate.Csv(LondonTime.DateOf(clock.GetUtcNow()))), "text/csv; charset=utf-8", "change-coordination-template.csv"))
            .RequireAuthorization(Policies.DccUser)
            .WithSummary("The CSV template for notifying many changes at once (upload it at /changes/upload).");

        changes.MapGet("/template.xlsx", (TimeProvider clock) => Results.File(Upload.PlanWorkbook.Write(LondonTime.DateOf(clock.GetUtcNow())), Upload.PlanWorkbook.ContentType, Upload.PlanWorkbook.FileName))
            .RequireAuthorization(Policies.DccUser)
            .WithSummary("The Excel template for notifying many changes at once: typed date cells, drop-down lists and a sheet explaining each column.");

        changes.MapPost("/", async (HttpContext context, ChangeService service) =>
        {
            var (input, problem) = await JsonBody.ReadAsync<ChangeInput>(context.Request);
            if (problem is not null)
            {
                return problem;
            }

            var outcome = await service.NotifyAsync(CallerBinding.Require(context), input!, context.RequestAborted);
            return outcome.ToResult(context, c => c.Revision, c => $"/api/v1/changes/{c.Reference}", What);
        })
        .RequireAuthorization(Policies.DccUser)
        .Accepts<ChangeInput>("application/json")
        .Produces<ChangeResponse>(StatusCodes.Status201Created)
        .ProducesValidationProblem()
        .WithSummary("Notify a planned or unplanned change of the caller's organisation.");

        changes.MapGet("/", async (HttpContext context, ChangeService service, RuleBook rules, TimeProvider clock, string? from, string? to, string? status, string? review) =>
        {
            var errors = new FieldErrors();
            var fromDate = InputParsing.Date(from, "from", errors);
            var toDate = InputParsing.Date(to, "to", errors);
            rules.Horizon.CheckRead(fromDate, "from", clock.GetUtcNow(), errors);
            rules.Horizon.CheckRead(toDate, "to", clock.GetUtcNow(), errors);
            var statusValue = InputParsing.Enum<ChangeStatus>(status, "status", errors, required: false);
            if (fromDate > toDate)
            {
                errors.Add("to", "'to' is before 'from': give the range earliest date first.");
            }

            var awaitingReview = review is not null && string.Equals(review.Trim(), ReviewRules.AwaitingFilter, StringComparison.OrdinalIgnoreCase);
            if (review is not null && !awaitingReview)
            {
                errors.Add("review", $"'{review}' is not a review filter: use review={ReviewRules.AwaitingFilter} for the ended changes not yet reviewed.");
            }

            return errors.Any
                ? errors.ToProblem()
                : Results.Ok(await service.ListAsync(CallerBinding.Require(context), fromDate, toDate, statusValue, awaitingReview, context.RequestAborted));
        })
        .RequireAuthorization(Policies.ChangeReader)
        .Produces<IReadOnlyList<ChangeResponse>>()
        .WithSummary("Changes the caller may see: a DCC User's own organisation's; every change for DCC staff. review=awaiting: only ended changes not yet reviewed.");

        changes.MapGet("/{reference}", async (HttpContext context, ChangeService service, string reference) =>
            await service.GetAsync(CallerBinding.Require(context), reference, context.RequestAborted) is { } change
                ? Revisions.WithETag(Results.Ok(change), change.Revision, context)
                : await NotFoundOrDisposedAsync(service, reference, context.RequestAborted))
        .RequireAuthorization(Policies.ChangeReader)
        .Produces<ChangeResponse>()
        .ProducesProblem(StatusCodes.Status410Gone)
        .WithSummary("One change; 410 with the disposal date once it has been disposed of.");

        changes.MapPut("/{reference}", async (HttpContext context, ChangeService service, string reference) =>
        {
            var (input, problem) = await JsonBody.ReadAsync<ChangeInput>(context.Request);
            if (problem is not null)
            {
                return problem;
            }

            var outcome = await service.UpdateAsync(CallerBinding.Require(context), reference, Revisions.IfMatch(context.Request), input!, context.RequestAborted);
            return outcome.ToResult(context, c => c.Revision, c => $"/api/v1/changes/{c.Reference}", What);
        })
        .RequireAuthorization(Policies.DccUser)
        .Accepts<ChangeInput>("application/json")
        .Produces<ChangeResponse>()
        .WithSummary("Update a change: a new revision (If-Match). A new type, window or devices reopens the assessment.");

        changes.MapPost("/{reference}/cancel", async (HttpContext context, ChangeService service, string reference) =>
        {
            var input = new CancellationInput(null);
            if (context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? context.Request.ContentLength > 0)
            {
                (var body, var problem) = await JsonBody.ReadAsync<CancellationInput>(context.Request);
                if (problem is not null)
                {
                    return problem;
                }

                input = body!;
            }

            var outcome = await service.CancelAsync(CallerBinding.Require(context), reference, Revisions.IfMatch(context.Request), input, context.RequestAborted);
            return outcome.ToResult(context, c => c.Revision, c => $"/api/v1/changes/{c.Reference}", What);
        })
        .RequireAuthorization(Policies.DccUser)
        .Produces<ChangeResponse>()
        .WithSummary("Cancel a change (optional body { reason }; If-Match is checked when sent).");

        changes.MapGet("/{reference}/revisions", async (HttpContext context, ChangeService service, string reference) =>
            await service.RevisionsAsync(CallerBinding.Require(context), reference, context.RequestAborted) is { } revisions
                ? Results.Ok(revisions)
                : await NotFoundOrDisposedAsync(service, reference, context.RequestAborted))
        .RequireAuthorization(Policies.ChangeReader)
        .Produces<IReadOnlyList<RevisionResponse>>()
        .ProducesProblem(StatusCodes.Status410Gone)
        .WithSummary("Every revision of a change, oldest first.");

        app.MapBatchEndpoints();
        return app;
    }

    private static async Task<IResult> NotFoundOrDisposedAsync(ChangeService service, string reference, CancellationToken cancellationToken) =>
        await service.DisposedAtAsync(reference, cancellationToken) is { } disposedAt
            ? Problems.Disposed(reference, disposedAt)
            : Problems.NotFound(What);
}
