using System.Security.Cryptography;
using System.Text;
using ChangeCoordination.Core;
using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Web.Api;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Features.Changes;
using ChangeCoordination.Web.Features.Support;
using ChangeCoordination.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace ChangeCoordination.Web.Features.Feeds;

public sealed record FeedInput(string? Kind, string? Label);

/// <summary>A feed as its owner sees it; <see cref="Url"/> carries the secret and is shown once, at creation.</summary>
public sealed record FeedResponse(int Id, FeedKind Kind, string Label, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, string? Url);

/// <summary>
/// iCalendar feeds behind revocable secret URLs: the red days (for the TOC rota, DCC staff) and an organisation's
/// own changes (for a DCC User). The secret is shown once and only its SHA-256 is stored.
/// </summary>
public sealed class CalendarFeeds(
    IDbContextFactory<ChangeCoordinationDb> dbFactory,
    HighRiskDays highRiskDays,
    ChangeService changes,
    AuditTrail audit,
    TimeProvider clock)
{
    public const string PathPrefix = "/feeds/";

    public async Task<Outcome<FeedResponse>> CreateAsync(Caller caller, FeedInput input, string baseUrl, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var kind = InputParsing.Enum<FeedKind>(input.Kind, "kind", errors);
        var label = InputParsing.Text(input.Label, "label", ChangeLimits.TitleMaxLength, errors);
        if (kind == FeedKind.RedDays && !caller.IsDccStaff)
        {
            errors.Add("kind", "Only DCC staff may have a feed of red days: a DCC User's feed is OrganisationChanges.");
        }

        if (kind == FeedKind.OrganisationChanges && !caller.IsDccUser)
        {
            errors.Add("kind", "A feed of an organisation's changes is for that organisation's DCC Users: DCC staff use RedDays.");
        }

        if (errors.Any)
        {
            return Outcome.Invalid<FeedResponse>(errors);
        }

        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var feed = new CalendarFeed
        {
            Kind = kind!.Value,
            OrganisationId = kind == FeedKind.OrganisationChanges ? caller.OrganisationId : null,
            SecretHash = Hash(secret),
            Label = label ?? (kind == FeedKind.RedDays ? "Red days" : $"{caller.OrganisationName} changes"),
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = caller.Email,
        };
        db.CalendarFeeds.Add(feed);
        audit.Record(db, caller, "feed.created", $"{feed.Kind} feed");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Created(ToResponse(feed, $"{baseUrl.TrimEnd('/')}{PathPrefix}{secret}.ics"));
    }

    /// <summary>The caller's own feeds: DCC staff see the red-day feeds they made, DCC Users their organisation's.</summary>
    public async Task<IReadOnlyList<FeedResponse>> ListAsync(Caller caller, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var feeds = await db.CalendarFeeds.AsNoTracking()
            .Where(f => caller.IsDccUser ? f.OrganisationId == caller.OrganisationId : f.CreatedBy == caller.Email)
            .OrderBy(f => f.CreatedAt).ThenBy(f => f.Id)
            .ToListAsync(cancellationToken);
        return [.. feeds.Select(f => ToResponse(f, null))];
    }

    public async Task<bool> RevokeAsync(Caller caller, int id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var feed = await db.CalendarFeeds.SingleOrDefaultAsync(
            f => f.Id == id && f.RevokedAt == null && (caller.IsDccUser ? f.OrganisationId == caller.OrganisationId : f.CreatedBy == caller.Email),
            cancellationToken);
        if (feed is null)
        {
            return false;
        }

        feed.RevokedAt = clock.GetUtcNow();
        audit.Record(db, caller, "feed.revoked", $"{feed.Kind} feed {feed.Id}");
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The calendar behind a secret, or null when the secret is unknown or revoked.</summary>
    public async Task<string?> RenderAsync(string secret, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var hash = Hash(secret);
        var feed = await db.CalendarFeeds.AsNoTracking().SingleOrDefaultAsync(f => f.SecretHash == hash && f.RevokedAt == null, cancellationToken);
        if (feed is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var today = LondonTime.DateOf(now);
        if (feed.Kind == FeedKind.RedDays)
        {
            var days = await highRiskDays.ReadAsync(today.AddDays(-30), today.AddDays(180), cancellationToken);
            return ICalendar.Write(feed.Label, days.Select(d => new CalendarEvent(
                $"red-day-{d.Date:yyyy-MM-dd}@change-coordination",
                d.SupportPlan?.Revision ?? 0,
                LondonTime.StartOf(d.Date),
                LondonTime.StartOf(d.Date.AddDays(1)),
                $"Red day: {ChangeText.Plural(d.ChangeCount, "change")}, support plan {d.SupportPlan?.State.ToString() ?? "being created"}",
                $"High-risk day. TOC monitoring lead: {d.SupportPlan?.TocLead ?? "not assigned"}. Major Incident Management: {d.SupportPlan?.MajorIncidentContact ?? "not assigned"}.",
                "Red day")), now);
        }

        var organisation = await db.Organisations.AsNoTracking().Where(o => o.Id == feed.OrganisationId).Select(o => o.Name).SingleAsync(cancellationToken);
        var caller = new Caller(feed.CreatedBy, "", PartyRole.DccUser, feed.OrganisationId!.Value, organisation, false);
        var list = await changes.ListAsync(caller, today.AddDays(-30), today.AddDays(365), null, awaitingReview: false, cancellationToken);
        return ICalendar.Write(feed.Label, list.Where(c => c.Status != ChangeStatus.Cancelled).Select(c => new CalendarEvent(
            $"{c.Reference}@change-coordination",
            c.Revision,
            c.Start,
            c.End,
            $"{c.Reference} {c.Type}: {(c.Risk is { } risk ? risk.ToString() : $"awaiting assessment ({c.RiskRange.Lowest} to {c.RiskRange.Highest})")}",
            $"{c.Kind} {c.Type} change, {c.Complexity}, {c.Impact} impact. Status {c.Status}.",
            "DCC User change")), now);
    }

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static FeedResponse ToResponse(CalendarFeed feed, string? url) => new(feed.Id, feed.Kind, feed.Label, feed.CreatedAt, feed.RevokedAt, url);
}

public static class CalendarFeedEndpoints
{
    public static IEndpointRouteBuilder MapCalendarFeedEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/feeds").WithTags("Calendar feeds");

        group.MapPost("/", async (HttpContext context, CalendarFeeds feeds) =>
        {
            var (input, problem) = await JsonBody.ReadAsync<FeedInput>(context.Request);
            if (problem is not null)
            {
                return problem;
            }

            var outcome = await feeds.CreateAsync(CallerBinding.Require(context), input!, $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}", context.RequestAborted);
            return outcome.Kind == OutcomeKind.Created ? Results.Created($"/api/v1/feeds/{outcome.Value!.Id}", outcome.Value) : outcome.Errors!.ToProblem();
        })
        .RequireAuthorization(Policies.ChangeReader)
        .Accepts<FeedInput>("application/json")
        .Produces<FeedResponse>(StatusCodes.Status201Created)
        .WithSummary("Create a calendar feed: { kind: RedDays (DCC staff) | OrganisationChanges (DCC User), label? }. The URL with its secret is shown once.");

        group.MapGet("/", async (HttpContext context, CalendarFeeds feeds) => Results.Ok(await feeds.ListAsync(CallerBinding.Require(context), context.RequestAborted)))
            .RequireAuthorization(Policies.ChangeReader)
            .Produces<IReadOnlyList<FeedResponse>>()
            .WithSummary("The caller's calendar feeds (without their secrets).");

        group.MapDelete("/{id:int}", async (HttpContext context, CalendarFeeds feeds, int id) =>
            await feeds.RevokeAsync(CallerBinding.Require(context), id, context.RequestAborted) ? Results.NoContent() : Problems.NotFound("calendar feed"))
            .RequireAuthorization(Policies.ChangeReader)
            .WithSummary("Revoke a calendar feed: its URL stops working at once.");

        app.MapGet(CalendarFeeds.PathPrefix + "{secret}.ics", async (CalendarFeeds feeds, string secret, CancellationToken cancellationToken) =>
            await feeds.RenderAsync(secret, cancellationToken) is { } calendar
                ? Results.Text(calendar, "text/calendar; charset=utf-8")
                : Results.NotFound())
            .AllowAnonymous()
            .ExcludeFromDescription();

        return app;
    }
}
