using ChangeCoordination.Web.Api;
using ChangeCoordination.Web.Features.Changes;
using ChangeCoordination.Web.Identity;

namespace ChangeCoordination.Web.Features.Assessment;

public static class AssessmentEndpoints
{
    public static IEndpointRouteBuilder MapAssessmentEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/assessment-queue", async (HttpContext context, ChangeService service) =>
            Results.Ok(await service.QueueAsync(CallerBinding.Require(context), context.RequestAborted)))
            .RequireAuthorization(Policies.Assessor)
            .WithTags("Assessment")
            .Produces<IReadOnlyList<ChangeResponse>>()
            .WithSummary("Changes awaiting assessment, earliest start first.");

        app.MapPost("/api/v1/changes/{reference}/assessment", async (HttpContext context, ChangeService service, string reference) =>
        {
            var (input, problem) = await JsonBody.ReadAsync<AssessmentInput>(context.Request);
            if (problem is not null)
            {
                return problem;
            }

            var outcome = await service.AssessAsync(CallerBinding.Require(context), reference, Revisions.IfMatch(context.Request), input!, context.RequestAborted);
            return outcome.ToResult(context, c => c.Revision, c => $"/api/v1/changes/{c.Reference}", "change");
        })
            .RequireAuthorization(Policies.Assessor)
            .WithTags("Assessment")
            .Accepts<AssessmentInput>("application/json")
            .Produces<ChangeResponse>()
            .WithSummary("Assess a change's probability: { probability, rationale } (If-Match).");

        return app;
    }
}
