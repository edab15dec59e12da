using ChangeCoordination.Web.Api;
using ChangeCoordination.Web.Features.Calendar;
using ChangeCoordination.Web.Identity;

namespace ChangeCoordination.Web.Features.Records;

/// <summary>The records room: each organisation's record and the DCC's calibration (issue 18).</summary>
public static class RecordsFeature
{
    public static WebApplicationBuilder AddRecordsFeature(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OrganisationRecords>();
        return builder;
    }

    public static IEndpointRouteBuilder MapRecordEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/records", (HttpContext context, string? from, string? to, OrganisationRecords records, RuleBook rules, TimeProvider clock) =>
            DateRanges.AnswerAsync(from, to, OrganisationRecords.MaxDays, rules, clock, (first, last) => records.RecordsAsync(CallerBinding.Require(context), first, last, context.RequestAborted)))
        .RequireAuthorization(Policies.ChangeReader)
        .WithTags("Records")
        .Produces<IReadOnlyList<OrganisationRecordResponse>>()
        .ProducesValidationProblem()
        .WithSummary("Each organisation's record over the changes whose windows ended from 'from' to 'to': notified, late, reviewed, as planned, overran, incidents tied. A DCC User sees its own organisation's; the DCC sees all.");

        app.MapGet("/api/v1/calibration", (HttpContext context, string? from, string? to, OrganisationRecords records, RuleBook rules, TimeProvider clock) =>
            DateRanges.AnswerAsync(from, to, OrganisationRecords.MaxDays, rules, clock, (first, last) => records.CalibrationAsync(CallerBinding.Require(context), first, last, context.RequestAborted)))
        .RequireAuthorization(Policies.DccStaff)
        .WithTags("Records")
        .Produces<CalibrationResponse>()
        .ProducesValidationProblem()
        .WithSummary("The assessors' calibration: for each probability, how often the changes then went wrong, with the counts, 95% intervals and a Brier score; per assessor for DCC Managers; and the share of days of each status with an incident.");

        return app;
    }
}
