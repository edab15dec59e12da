using ChangeCoordination.Web.Api;
using ChangeCoordination.Web.Features.Calendar;
using ChangeCoordination.Web.Identity;

namespace ChangeCoordination.Web.Features.Support;

public static class SupportPlanEndpoints
{
    private const string What = "support plan";

    public static IEndpointRouteBuilder MapSupportPlanEndpoints(this IEndpointRouteBuilder app)
    {
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
