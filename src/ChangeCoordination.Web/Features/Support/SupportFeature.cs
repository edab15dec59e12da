using ChangeCoordination.Web.Api;
using ChangeCoordination.Web.Features.Calendar;
using ChangeCoordination.Web.Identity;
using ChangeCoordination.Web.Live;

namespace ChangeCoordination.Web.Features.Support;

/// <summary>
/// The support room: the red days (<see cref="HighRiskDays"/>, mapped by <see cref="HighRiskDayEndpoints"/>) and each
/// one's support plan (<see cref="SupportPlanService"/>), kept in step with the days by <see cref="SupportPlanKeeper"/>.
/// <see cref="SupportPlanFeed"/>, the dates whose plan changed, lives with the day-status feed in
/// <c>Live/DayStatusFeed.cs</c> and is registered here, with the plans it tells of.
/// </summary>
public static class SupportFeature
{
    private const string What = "support plan";

    public static WebApplicationBuilder AddSupportFeature(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<HighRiskDays>();
        builder.Services.AddSingleton<SupportPlanFeed>();
        builder.Services.AddSingleton<SupportPlanService>();
        builder.Services.AddSingleton<SupportPlanKeeper>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SupportPlanKeeper>());
        return builder;
    }

    public static IEndpointRouteBuilder MapSupportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHighRiskDayEndpoints();

        var group = app.MapGroup("/api/v1/support-plans/{date}").WithTags("Support");

        group.MapPut("/assignment", (HttpContext context, SupportPlanService service, string date) =>
            WriteAsync<AssignmentInput>(context, date, (caller, day, ifMatch, input) => service.AssignAsync(caller, day, ifMatch, input, context.RequestAborted)))
            .RequireAuthorization(Policies.Manager)
            .Accepts<AssignmentInput>("application/json")
            .Produces<SupportPlanResponse>()
            .WithSummary("Assign the TOC monitoring lead and the Major Incident Management contact (DCC Manager; If-Match).");

        group.MapPost("/acknowledgement", (HttpContext context, SupportPlanService service, string date) =>
            WriteAsync<object>(context, date, (caller, day, ifMatch, _) => service.AcknowledgeAsync(caller, day, ifMatch, context.RequestAborted), readBody: false))
            .RequireAuthorization(Policies.Toc)
            .Produces<SupportPlanResponse>()
            .WithSummary("The TOC acknowledges an assigned plan (If-Match).");

        group.MapPut("/checklist", (HttpContext context, SupportPlanService service, string date) =>
            WriteAsync<ChecklistInput>(context, date, (caller, day, ifMatch, input) => service.SetChecklistAsync(caller, day, ifMatch, input, context.RequestAborted)))
            .RequireAuthorization(Policies.TocOrManager)
            .Accepts<ChecklistInput>("application/json")
            .Produces<SupportPlanResponse>()
            .WithSummary("Tick the checklist: briefingSent, dashboardsPrepared, usersContacted, handoverDone (If-Match).");

        group.MapPost("/log", (HttpContext context, SupportPlanService service, string date) =>
            WriteAsync<LogInput>(context, date, (caller, day, _, input) => service.AddLogAsync(caller, day, input, context.RequestAborted)))
            .RequireAuthorization(Policies.DccStaff)
            .Accepts<LogInput>("application/json")
            .Produces<SupportPlanResponse>()
            .WithSummary("Add a note to a plan's log.");

        return app;
    }

    private static async Task<IResult> WriteAsync<TInput>(
        HttpContext context,
        string date,
        Func<Caller, DateOnly, int?, TInput, Task<Outcome<SupportPlanResponse>>> write,
        bool readBody = true)
        where TInput : class
    {
        var errors = new FieldErrors();
        if (InputParsing.Date(date, "date", errors) is not { } day)
        {
            return errors.Any ? errors.ToProblem() : Problems.NotFound(What);
        }

        var clock = context.RequestServices.GetRequiredService<TimeProvider>();
        if (!context.RequestServices.GetRequiredService<RuleBook>().Horizon.CheckStart(day, "date", clock.GetUtcNow(), errors))
        {
            return errors.ToProblem();
        }

        TInput? input = null;
        if (readBody)
        {
            (input, var problem) = await JsonBody.ReadAsync<TInput>(context.Request);
            if (problem is not null)
            {
                return problem;
            }
        }

        var outcome = await write(CallerBinding.Require(context), day, Revisions.IfMatch(context.Request), input!);
        return outcome.ToResult(context, p => p.Revision, p => $"/api/v1/support-plans/{p.Date:yyyy-MM-dd}", What);
    }
}
