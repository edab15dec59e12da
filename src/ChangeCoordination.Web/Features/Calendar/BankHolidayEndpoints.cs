using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Web.Api;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Identity;
using ChangeCoordination.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace ChangeCoordination.Web.Features.Calendar;

public sealed record BankHolidayResponse(DateOnly Date, string Name);

public sealed record BankHolidayOverrideResponse(DateOnly Date, bool IsHoliday, string Name);

/// <summary>
/// England and Wales bank holidays: the rule-computed days corrected by the one-off table, which DCC staff refresh
/// by uploading GOV.UK's <c>bank-holidays.json</c> (no network needed).
/// </summary>
public static class BankHolidayEndpoints
{
    public const long MaxUploadBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapBankHolidayEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/bank-holidays").WithTags("Working days");

        group.MapGet("/", (RuleBook rules, int? year, TimeProvider clock) =>
        {
            var chosen = year ?? LondonTime.DateOf(clock.GetUtcNow()).Year;
            if (chosen is < 1900 or > 2200)
            {
                var errors = new FieldErrors();
                errors.Add("year", "Give a year between 1900 and 2200, for example 2026.");
                return errors.ToProblem();
            }

            return Results.Ok(rules.Calendar.BankHolidaysIn(chosen).Select(h => new BankHolidayResponse(h.Date, h.Name)).ToList());
        })
        .RequireAuthorization(Policies.SignedIn)
        .Produces<IReadOnlyList<BankHolidayResponse>>()
        .WithSummary("The bank holidays of a year (England and Wales), rules and one-off changes together.");

        group.MapGet("/overrides", (RuleBook rules) =>
            Results.Ok(rules.Calendar.Overrides.OrderBy(o => o.Date).Select(o => new BankHolidayOverrideResponse(o.Date, o.IsHoliday, o.Name)).ToList()))
        .RequireAuthorization(Policies.DccStaff)
        .Produces<IReadOnlyList<BankHolidayOverrideResponse>>()
        .WithSummary("The one-off table: extra bank holidays, and rule holidays that do not happen.");

        group.MapPut("/overrides", async (HttpContext context, RuleBook rules, AuditTrail audit, IDbContextFactory<ChangeCoordinationDb> dbFactory, LiveBus bus) =>
        {
            if (context.Request.ContentLength > MaxUploadBytes)
            {
                return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The file is too large", detail: "GOV.UK's bank-holidays.json is about 20 KB: upload that file, unchanged.");
            }

            IReadOnlyList<BankHolidayOverride> overrides;
            try
            {
                using var buffer = new MemoryStream();
                await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
                buffer.Position = 0;
                overrides = GovUkBankHolidays.OverridesFrom(buffer);
            }
            catch (FormatException exception)
            {
                var errors = new FieldErrors();
                errors.Add("file", exception.Message);
                return errors.ToProblem();
            }

            await rules.ReplaceOverridesAsync(overrides, CallerBinding.Require(context), audit, dbFactory, context.RequestAborted);
            bus.Announce(new LiveNews(LiveNewsKind.Rules));
            return Results.Ok(overrides.OrderBy(o => o.Date).Select(o => new BankHolidayOverrideResponse(o.Date, o.IsHoliday, o.Name)).ToList());
        })
        .RequireAuthorization(Policies.DccStaff)
        .Accepts<object>("application/json")
        .Produces<IReadOnlyList<BankHolidayOverrideResponse>>()
        .WithSummary("Replace the one-off table from GOV.UK's bank-holidays.json (the body is the file).");

        return app;
    }
}
