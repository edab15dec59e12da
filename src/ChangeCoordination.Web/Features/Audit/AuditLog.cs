using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Web.Api;
using ChangeCoordination.Web.Features.Calendar;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace ChangeCoordination.Web.Features.Audit;

/// <summary>What to look for: each filter narrows; text filters match anywhere in the field, ignoring case; dates are London days, inclusive.</summary>
public sealed record AuditQuery(string? Actor, string? Action, string? Subject, string? From, string? To, int? Page, int? PageSize);

public sealed record AuditEventResponse(long Id, DateTimeOffset At, string Actor, string Action, string Subject, string? FromAddress);

public sealed record AuditResults(int Total, int Page, int PageSize, IReadOnlyList<AuditEventResponse> Events);

/// <summary>
/// Searches the audit log, newest first, for a DCC Manager or the Site Owner. The log is append-only: the app has no
/// way to edit or delete an event, and the database refuses UPDATE and DELETE on it (triggers of the migration).
/// </summary>
public sealed class AuditLog(IDbContextFactory<ChangeCoordinationDb> dbFactory, PlanningHorizon horizon, TimeProvider clock)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public const int MaxPage = 100_000;

    public async Task<Outcome<AuditResults>> SearchAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var from = InputParsing.Date(query.From, "from", errors);
        var to = InputParsing.Date(query.To, "to", errors);
        horizon.CheckRead(from, "from", clock.GetUtcNow(), errors);
        horizon.CheckRead(to, "to", clock.GetUtcNow(), errors);
        if (from is { } f && to is { } t && t < f)
        {
            errors.Add("to", "'to' is before 'from': the last day searched comes on or after the first.");
        }

        var page = query.Page ?? 1;
        if (page is < 1 or > MaxPage)
        {
            errors.Add("page", $"Pages are numbered from 1 to {MaxPage}; narrow the search to reach older events.");
        }

        var pageSize = query.PageSize ?? DefaultPageSize;
        if (pageSize is < 1 or > MaxPageSize)
        {
            errors.Add("pageSize", $"A page holds 1 to {MaxPageSize} events.");
        }

        if (errors.Any)
        {
            return Outcome.Invalid<AuditResults>(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var events = db.AuditEvents.AsNoTracking();

        // "Text anywhere in the field", ignoring case: SQLite's LIKE ignores (ASCII) case, PostgreSQL's ILIKE is its match.
        var postgres = db.Database.IsNpgsql();
        if (!string.IsNullOrWhiteSpace(query.Actor))
        {
            var actor = $"%{query.Actor.Trim()}%";
            events = postgres ? events.Where(e => EF.Functions.ILike(e.Actor, actor)) : events.Where(e => EF.Functions.Like(e.Actor, actor));
        }

        if (!string.IsNullOrWhiteSpace(query.Action))
        {
            var action = $"%{query.Action.Trim()}%";
            events = postgres ? events.Where(e => EF.Functions.ILike(e.Action, action)) : events.Where(e => EF.Functions.Like(e.Action, action));
        }

        if (!string.IsNullOrWhiteSpace(query.Subject))
        {
            var subject = $"%{query.Subject.Trim()}%";
            events = postgres ? events.Where(e => EF.Functions.ILike(e.Subject, subject)) : events.Where(e => EF.Functions.Like(e.Subject, subject));
        }

        if (from is { } first)
        {
            var start = LondonTime.StartOf(first);
            events = events.Where(e => e.At >= start);
        }

        if (to is { } last)
        {
            var end = LondonTime.StartOf(last.AddDays(1));
            events = events.Where(e => e.At < end);
        }

        var total = await events.CountAsync(cancellationToken);
        var rows = await events.OrderByDescending(e => e.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return Outcome.Done(new AuditResults(total, page, pageSize, [.. rows.Select(e => new AuditEventResponse(e.Id, LondonTime.ToLondon(e.At), e.Actor, e.Action, e.Subject, e.FromAddress))]));
    }
}

public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/audit", async (AuditLog log, string? actor, string? action, string? subject, string? from, string? to, int? page, int? pageSize, CancellationToken cancellationToken) =>
        {
            var outcome = await log.SearchAsync(new AuditQuery(actor, action, subject, from, to, page, pageSize), cancellationToken);
            return outcome.Kind == OutcomeKind.Ok ? Results.Ok(outcome.Value) : outcome.Errors!.ToProblem();
        })
        .RequireAuthorization(Policies.AuditReader)
        .WithTags("Audit")
        .Produces<AuditResults>()
        .WithSummary("Search the audit log, newest first: ?actor=&action=&subject= (text anywhere in the field), &from=&to= (London dates), &page=&pageSize= (DCC Manager, Site Owner).");

        return app;
    }
}
