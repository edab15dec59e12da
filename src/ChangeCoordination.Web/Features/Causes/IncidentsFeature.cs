using ChangeCoordination.Web.Api;
using ChangeCoordination.Web.Features.Calendar;
using ChangeCoordination.Web.Identity;

namespace ChangeCoordination.Web.Features.Causes;

/// <summary>The causes room: imported incidents tied to the changes that caused them (issue 18).</summary>
public static class IncidentsFeature
{
    private const string What = "incident";

    public static WebApplicationBuilder AddIncidentsFeature(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IncidentLinks>();
        return builder;
    }

    public static IEndpointRouteBuilder MapIncidentEndpoints(this IEndpointRouteBuilder app)
    {
        var incidents = app.MapGroup("/api/v1/operations/incidents").WithTags("Operations");

        incidents.MapGet("/", (HttpContext context, string? from, string? to, IncidentLinks links, RuleBook rules, TimeProvider clock) =>
            DateRanges.AnswerAsync(from, to, IncidentLinks.MaxDays, rules, clock, (first, last) => links.ListAsync(first, last, context.RequestAborted)))
        .RequireAuthorization(Policies.DccStaff)
        .Produces<IReadOnlyList<IncidentCausesResponse>>()
        .ProducesValidationProblem()
        .WithSummary("The incidents opened from 'from' to 'to' (London days), newest first, each with the changes tied to it.");

        incidents.MapGet("/{incident}", async (HttpContext context, string incident, IncidentLinks links) =>
            await links.GetAsync(incident, context.RequestAborted) is { } found
                ? Revisions.WithETag(Results.Ok(found), found.LinksRevision, context)
                : Problems.NotFound(What))
        .RequireAuthorization(Policies.DccStaff)
        .Produces<IncidentCausesResponse>()
        .WithSummary("One incident, the changes tied to it, and the candidates: changes in progress when it was opened or just ended. The ETag is the links' revision.");

        incidents.MapPut("/{incident}/links", async (HttpContext context, string incident, IncidentLinks links) =>
        {
            var (input, problem) = await JsonBody.ReadAsync<IncidentLinksInput>(context.Request);
            if (problem is not null)
            {
                return problem;
            }

            var outcome = await links.SetAsync(CallerBinding.Require(context), incident, Revisions.IfMatch(context.Request), input!, context.RequestAborted);
            return outcome.ToResult(context, i => i.LinksRevision, i => $"/api/v1/operations/incidents/{i.Reference}", What);
        })
        .RequireAuthorization(Policies.DccStaff)
        .Accepts<IncidentLinksInput>("application/json")
        .Produces<IncidentCausesResponse>()
        .ProducesValidationProblem()
        .WithSummary("Tie changes to the incident: the whole set, each Caused or Contributed ([] unties all), with If-Match the links' revision.");

        return app;
    }
}
