using ChangeCoordination.Web.Api;
using ChangeCoordination.Web.Features.Calendar;
using ChangeCoordination.Web.Identity;

namespace ChangeCoordination.Web.Features.InternalChanges;

/// <summary>
/// The Forward Schedule of Change room: the DCC's own internal changes (<see cref="InternalChangeService"/>), and the
/// schedule as files, CSV out and in and an iCalendar feed (<see cref="ScheduleFiles"/>).
/// </summary>
public static class InternalChangesFeature
{
    private const string What = "internal change";

    public static WebApplicationBuilder AddInternalChangesFeature(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<InternalChangeService>();
        return builder;
    }

    public static IEndpointRouteBuilder MapInternalChangeEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapScheduleFileEndpoints();

        var group = app.MapGroup("/api/v1/internal-changes").WithTags("Forward Schedule of Change");

        group.MapPost("/", async (HttpContext context, InternalChangeService service) =>
        {
            var (input, problem) = await JsonBody.ReadAsync<InternalChangeInput>(context.Request);
            if (problem is not null)
            {
                return problem;
            }

            var outcome = await service.CreateAsync(CallerBinding.Require(context), input!, context.RequestAborted);
            return outcome.ToResult(context, c => c.Revision, c => $"/api/v1/internal-changes/{c.Reference}", What);
        })
        .RequireAuthorization(Policies.Assessor)
        .Accepts<InternalChangeInput>("application/json")
        .Produces<InternalChangeResponse>(StatusCodes.Status201Created)
        .ProducesValidationProblem()
        .WithSummary("Enter a DCC internal change in the Forward Schedule of Change.");

        group.MapGet("/", async (HttpContext context, InternalChangeService service, RuleBook rules, TimeProvider clock, string? from, string? to) =>
        {
            var errors = new FieldErrors();
            var fromDate = InputParsing.Date(from, "from", errors);
            var toDate = InputParsing.Date(to, "to", errors);
            rules.Horizon.CheckRead(fromDate, "from", clock.GetUtcNow(), errors);
            rules.Horizon.CheckRead(toDate, "to", clock.GetUtcNow(), errors);
            return errors.Any ? errors.ToProblem() : Results.Ok(await service.ListAsync(fromDate, toDate, context.RequestAborted));
        })
        .RequireAuthorization(Policies.SignedIn)
        .Produces<IReadOnlyList<InternalChangeResponse>>()
        .WithSummary("The Forward Schedule of Change.");

        group.MapGet("/{reference}", async (HttpContext context, InternalChangeService service, string reference) =>
            await service.GetAsync(reference, context.RequestAborted) is { } change
                ? Revisions.WithETag(Results.Ok(change), change.Revision, context)
                : Problems.NotFound(What))
        .RequireAuthorization(Policies.SignedIn)
        .Produces<InternalChangeResponse>()
        .WithSummary("One internal change.");

        group.MapPut("/{reference}", async (HttpContext context, InternalChangeService service, string reference) =>
        {
            var (input, problem) = await JsonBody.ReadAsync<InternalChangeInput>(context.Request);
            if (problem is not null)
            {
                return problem;
            }

            var outcome = await service.UpdateAsync(CallerBinding.Require(context), reference, Revisions.IfMatch(context.Request), input!, context.RequestAborted);
            return outcome.ToResult(context, c => c.Revision, c => $"/api/v1/internal-changes/{c.Reference}", What);
        })
        .RequireAuthorization(Policies.Assessor)
        .Accepts<InternalChangeInput>("application/json")
        .Produces<InternalChangeResponse>()
        .WithSummary("Update an internal change (If-Match).");

        group.MapPost("/{reference}/cancel", async (HttpContext context, InternalChangeService service, string reference) =>
        {
            var outcome = await service.CancelAsync(CallerBinding.Require(context), reference, Revisions.IfMatch(context.Request), context.RequestAborted);
            return outcome.ToResult(context, c => c.Revision, c => $"/api/v1/internal-changes/{c.Reference}", What);
        })
        .RequireAuthorization(Policies.Assessor)
        .Produces<InternalChangeResponse>()
        .WithSummary("Cancel an internal change (If-Match is checked when sent).");

        return app;
    }
}
