using ChangeCoordination.Web.Api;
using ChangeCoordination.Web.Features.Changes;
using ChangeCoordination.Web.Identity;

namespace ChangeCoordination.Web.Features.Reviews;

/// <summary>The post-implementation review: its services, its reminder and its endpoint.</summary>
public static class ReviewsFeature
{
    public static WebApplicationBuilder AddReviews(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AwaitingReviews>();
        builder.Services.AddHostedService<ReviewReminder>();
        return builder;
    }

    public static IEndpointRouteBuilder MapReviewEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPut("/api/v1/changes/{reference}/review", async (HttpContext context, ChangeService service, string reference) =>
        {
            var (input, problem) = await JsonBody.ReadAsync<ReviewInput>(context.Request);
            if (problem is not null)
            {
                return problem;
            }

            var outcome = await service.ReviewAsync(CallerBinding.Require(context), reference, Revisions.IfMatch(context.Request), input!, context.RequestAborted);
            return outcome.ToResult(context, c => c.Revision, c => $"/api/v1/changes/{c.Reference}", "change");
        })
        .WithTags("Changes")
        .RequireAuthorization(Policies.DccUser)
        .Accepts<ReviewInput>("application/json")
        .Produces<ChangeResponse>()
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status409Conflict)
        .WithSummary("Record (or correct) what happened to a change after its window ended: a new revision (If-Match); 409 before the window has ended or for a cancelled change.");

        return app;
    }
}
