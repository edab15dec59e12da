using ChangeCoordination.Web.Api;
using ChangeCoordination.Web.Identity;

namespace ChangeCoordination.Web.Features.Access;

/// <summary>
/// The access room: the Site Owner's records of who may use the product (<see cref="PeopleAdmin"/>) and the API keys
/// of DCC Users' systems (<see cref="ApiKeys"/>, registered with the sign-in in <c>Identity/</c>, which checks them).
/// </summary>
public static class AccessFeature
{
    public static WebApplicationBuilder AddAccessFeature(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PeopleAdmin>();
        return builder;
    }

    public static IEndpointRouteBuilder MapAccessEndpoints(this IEndpointRouteBuilder app)
    {
        var people = app.MapGroup("/api/v1/people").WithTags("Access").RequireAuthorization(Policies.SiteOwner);

        people.MapGet("/", async (PeopleAdmin admin, CancellationToken cancellationToken) => Results.Ok(await admin.ListAsync(cancellationToken)))
            .Produces<IReadOnlyList<PersonResponse>>()
            .WithSummary("Everyone who may sign in: role, organisation and detail-access grant (Site Owner).");

        people.MapPost("/", async (HttpContext context, PeopleAdmin admin) =>
        {
            var (input, problem) = await JsonBody.ReadAsync<PersonInput>(context.Request);
            if (problem is not null)
            {
                return problem;
            }

            var outcome = await admin.AddAsync(CallerBinding.Require(context), input!, context.RequestAborted);
            return outcome.Kind == OutcomeKind.Created ? Results.Created($"/api/v1/people/{outcome.Value!.Id}", outcome.Value) : outcome.Errors!.ToProblem();
        })
        .Accepts<PersonInput>("application/json")
        .Produces<PersonResponse>(StatusCodes.Status201Created)
        .WithSummary("Add a person: { email, displayName, role, organisation, hasDetailAccess?, subject? } (Site Owner).");

        people.MapPut("/{id:int}", async (HttpContext context, PeopleAdmin admin, int id) =>
        {
            var (input, problem) = await JsonBody.ReadAsync<PersonInput>(context.Request);
            if (problem is not null)
            {
                return problem;
            }

            var outcome = await admin.ChangeAsync(CallerBinding.Require(context), id, Revisions.IfMatch(context.Request), input!, context.RequestAborted);
            return outcome.ToResult(context, p => p.Revision, p => $"/api/v1/people/{p.Id}", "person");
        })
        .Accepts<PersonInput>("application/json")
        .Produces<PersonResponse>()
        .WithSummary("Change a person's name, role, organisation, subject or detail-access grant (If-Match: the person's revision); omitted fields stay (Site Owner).");

        var keys = app.MapGroup("/api/v1/api-keys").WithTags("Access").RequireAuthorization(Policies.SiteOwner);

        keys.MapGet("/", async (ApiKeys apiKeys, CancellationToken cancellationToken) => Results.Ok(await apiKeys.ListAsync(cancellationToken)))
            .Produces<IReadOnlyList<ApiKeyResponse>>()
            .WithSummary("Every API key issued, with when it was last used (never the key itself).");

        keys.MapPost("/", async (HttpContext context, ApiKeys apiKeys) =>
        {
            var (input, problem) = await JsonBody.ReadAsync<ApiKeyInput>(context.Request);
            if (problem is not null)
            {
                return problem;
            }

            var outcome = await apiKeys.IssueAsync(CallerBinding.Require(context), input!, context.RequestAborted);
            return outcome.Kind == OutcomeKind.Created ? Results.Created($"/api/v1/api-keys/{outcome.Value!.Id}", outcome.Value) : outcome.Errors!.ToProblem();
        })
        .Accepts<ApiKeyInput>("application/json")
        .Produces<ApiKeyResponse>(StatusCodes.Status201Created)
        .WithSummary("Issue an API key to a DCC User organisation: { name, organisation }. The key is in this answer only.");

        keys.MapDelete("/{id:int}", async (HttpContext context, ApiKeys apiKeys, int id) =>
            await apiKeys.RevokeAsync(CallerBinding.Require(context), id, context.RequestAborted) ? Results.NoContent() : Problems.NotFound("live API key"))
            .WithSummary("Revoke an API key: it answers 401 from the next call on.");

        return app;
    }
}
