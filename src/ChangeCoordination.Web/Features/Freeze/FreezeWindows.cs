using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Core.Risk;
using ChangeCoordination.Web.Api;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Features.Calendar;
using ChangeCoordination.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace ChangeCoordination.Web.Features.Freeze;

public sealed record FreezeWindowInput(string? Title, string? From, string? To);

public sealed record FreezeWindowResponse(int Id, string Title, DateOnly From, DateOnly To);

/// <summary>
/// The change-freeze windows in memory: for the heatmaps (a band under frozen days) and for warning a User whose
/// change falls inside one.
/// </summary>
public sealed class FreezeCalendar
{
    private volatile IReadOnlyList<FreezeWindowResponse> windows = [];

    public IReadOnlyList<FreezeWindowResponse> All => windows;

    /// <summary>The freeze window a day falls in, if any.</summary>
    public FreezeWindowResponse? On(DateOnly date) => windows.FirstOrDefault(w => w.From <= date && date <= w.To);

    /// <summary>The freeze windows an outage window touches (any London day it covers).</summary>
    public IReadOnlyList<FreezeWindowResponse> Overlapping(OutageWindow window)
    {
        var first = LondonTime.DateOf(window.Start);
        var last = LondonTime.DateOf(window.End.AddTicks(-1));
        return [.. windows.Where(w => w.From <= last && first <= w.To)];
    }

    public async Task LoadAsync(ChangeCoordinationDb db, CancellationToken cancellationToken) =>
        windows = [.. (await db.FreezeWindows.AsNoTracking().OrderBy(f => f.From).ThenBy(f => f.Id).ToListAsync(cancellationToken))
            .Select(row => new FreezeWindowResponse(row.Id, row.Title, row.From, row.To))];
}

/// <summary>Declares and withdraws change-freeze windows (DCC assessors), then reloads the calendar.</summary>
public sealed class FreezeWindows(IDbContextFactory<ChangeCoordinationDb> dbFactory, FreezeCalendar calendar, RuleBook rules, TimeProvider clock, AuditTrail audit, Live.LiveBus bus)
{
    public const int MaxDays = 366;

    public async Task<Outcome<FreezeWindowResponse>> CreateAsync(Caller caller, FreezeWindowInput input, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var title = InputParsing.Text(input.Title, "title", ChangeLimits.TitleMaxLength, errors, "Give the freeze a title, for example 'Christmas change freeze'.");
        var from = InputParsing.Date(input.From, "from", errors);
        var to = InputParsing.Date(input.To, "to", errors);
        if (from is null && !errors.Any)
        {
            errors.Add("from", "'from' is required: the first frozen day, as YYYY-MM-DD.");
        }

        if (to is null && !errors.Any)
        {
            errors.Add("to", "'to' is required: the last frozen day, as YYYY-MM-DD (the same as 'from' for one day).");
        }

        if (from is { } f && to is { } t && rules.Horizon.CheckStart(f, "from", clock.GetUtcNow(), errors))
        {
            if (t < f)
            {
                errors.Add("to", "'to' is before 'from': the last frozen day comes on or after the first.");
            }
            else if (t.DayNumber - f.DayNumber + 1 > MaxDays)
            {
                errors.Add("to", $"A freeze may last at most {MaxDays} days: declare a longer one as several.");
            }
        }

        if (errors.Any)
        {
            return Outcome.Invalid<FreezeWindowResponse>(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = new FreezeWindow { Title = title!, From = from!.Value, To = to!.Value, CreatedAt = clock.GetUtcNow(), CreatedBy = caller.Email };
        db.FreezeWindows.Add(row);
        audit.Record(db, caller, "freeze-window.declared", title!);
        await db.SaveChangesAsync(cancellationToken);
        await calendar.LoadAsync(db, cancellationToken);
        bus.Announce(new Live.LiveNews(Live.LiveNewsKind.Freezes));
        return Outcome.Created(new FreezeWindowResponse(row.Id, row.Title, row.From, row.To));
    }

    public async Task<bool> DeleteAsync(Caller caller, int id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.FreezeWindows.FindAsync([id], cancellationToken);
        if (row is null)
        {
            return false;
        }

        db.FreezeWindows.Remove(row);
        audit.Record(db, caller, "freeze-window.withdrawn", row.Title);
        await db.SaveChangesAsync(cancellationToken);
        await calendar.LoadAsync(db, cancellationToken);
        bus.Announce(new Live.LiveNews(Live.LiveNewsKind.Freezes));
        return true;
    }
}

public static class FreezeWindowEndpoints
{
    public static IEndpointRouteBuilder MapFreezeWindowEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/freeze-windows").WithTags("Forward Schedule of Change");

        group.MapGet("/", (FreezeCalendar freezes) => Results.Ok(freezes.All))
            .RequireAuthorization(Policies.SignedIn)
            .Produces<IReadOnlyList<FreezeWindowResponse>>()
            .WithSummary("Change-freeze windows declared by the DCC.");

        group.MapPost("/", async (HttpContext context, FreezeWindows freezes) =>
        {
            var (input, problem) = await JsonBody.ReadAsync<FreezeWindowInput>(context.Request);
            if (problem is not null)
            {
                return problem;
            }

            var outcome = await freezes.CreateAsync(CallerBinding.Require(context), input!, context.RequestAborted);
            return outcome.Kind == OutcomeKind.Created
                ? Results.Created($"/api/v1/freeze-windows/{outcome.Value!.Id}", outcome.Value)
                : outcome.Errors!.ToProblem();
        })
        .RequireAuthorization(Policies.Assessor)
        .Accepts<FreezeWindowInput>("application/json")
        .Produces<FreezeWindowResponse>(StatusCodes.Status201Created)
        .WithSummary("Declare a change-freeze window: { title, from, to } (London dates, inclusive).");

        group.MapDelete("/{id:int}", async (HttpContext context, FreezeWindows freezes, int id) =>
            await freezes.DeleteAsync(CallerBinding.Require(context), id, context.RequestAborted) ? Results.NoContent() : Problems.NotFound("freeze window"))
        .RequireAuthorization(Policies.Assessor)
        .WithSummary("Withdraw a change-freeze window.");

        return app;
    }
}
