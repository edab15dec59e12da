using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Features.Calendar;
using ChangeCoordination.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChangeCoordination.Web.Features.Notifications;

public sealed record NotificationResponse(long Id, DateTimeOffset At, string Text, string? Link, bool Read);

/// <summary>The people (by e-mail) who have new notifications.</summary>
public sealed class NotificationFeed(ILogger<NotificationFeed> logger, LiveBus bus) : Feed<IReadOnlyList<string>>(logger)
{
    /// <summary>This server notified them: their bells on every server are told.</summary>
    public void Publish(IReadOnlyList<string> recipients)
    {
        if (recipients.Count > 0)
        {
            PublishToAll(recipients);
            bus.Announce(new LiveNews(LiveNewsKind.Notifications, Recipients: recipients));
        }
    }

    /// <summary>Another server notified them: their bells on this server are told.</summary>
    public void PublishHeard(IReadOnlyList<string> recipients)
    {
        if (recipients.Count > 0)
        {
            PublishToAll(recipients);
        }
    }
}

/// <summary>In-app notifications: written once per person and link, read from the bell.</summary>
public sealed class NotificationService(
    IDbContextFactory<ChangeCoordinationDb> dbFactory,
    NotificationFeed feed,
    IOptions<SmtpSettings> smtp,
    TimeProvider clock)
{
    public const int Recent = 15;

    /// <summary>Notifies everyone holding one of the roles; a person already told about this link with this text is not told twice.</summary>
    public async Task NotifyRolesAsync(IReadOnlyCollection<PartyRole> roles, string text, string? link, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var recipients = await db.People.AsNoTracking().Where(p => roles.Contains(p.Role)).Select(p => p.Email).ToListAsync(cancellationToken);
        await NotifyAsync(db, recipients, text, link, cancellationToken);
    }

    /// <summary>Notifies the DCC Users of the organisation that owns a change.</summary>
    public async Task NotifyChangeOwnersAsync(string reference, string text, string? link, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var owner = db.Changes.Where(c => c.Reference == reference).Select(c => c.OrganisationId);
        var recipients = await db.People.AsNoTracking()
            .Where(p => owner.Contains(p.OrganisationId) && p.Role == PartyRole.DccUser)
            .Select(p => p.Email)
            .ToListAsync(cancellationToken);
        await NotifyAsync(db, recipients, text, link, cancellationToken);
    }

    public async Task<int> UnreadCountAsync(string email, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Notifications.CountAsync(n => n.RecipientEmail == email && n.ReadAt == null, cancellationToken);
    }

    public async Task<IReadOnlyList<NotificationResponse>> RecentAsync(string email, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Notifications.AsNoTracking()
            .Where(n => n.RecipientEmail == email)
            .OrderByDescending(n => n.At).ThenByDescending(n => n.Id)
            .Take(Recent)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(n => new NotificationResponse(n.Id, n.At, n.Text, n.Link, n.ReadAt is not null))];
    }

    public async Task MarkAllReadAsync(string email, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        await db.Notifications.Where(n => n.RecipientEmail == email && n.ReadAt == null)
            .ExecuteUpdateAsync(n => n.SetProperty(x => x.ReadAt, now), cancellationToken);
        feed.Publish([email]);
    }

    private async Task NotifyAsync(ChangeCoordinationDb db, IReadOnlyList<string> recipients, string text, string? link, CancellationToken cancellationToken)
    {
        var told = await db.Notifications.AsNoTracking()
            .Where(n => recipients.Contains(n.RecipientEmail) && n.Text == text && n.Link == link)
            .Select(n => n.RecipientEmail)
            .ToListAsync(cancellationToken);
        var fresh = recipients.Except(told, StringComparer.OrdinalIgnoreCase).ToList();
        var now = clock.GetUtcNow();
        db.Notifications.AddRange(fresh.Select(email => new Notification { RecipientEmail = email, At = now, Text = text, Link = link }));
        if (smtp.Value.Enabled)
        {
            db.Outbox.AddRange(fresh.Select(email => new OutboxEmail
            {
                Recipient = email,
                Subject = "Change Coordination: " + (text.Length > 150 ? text[..150] : text),
                Body = text + (link is null ? "" : $"\n\nOpen it in Change Coordination: /{link}"),
                CreatedAt = now,
                NextAttemptAt = now,
            }));
        }

        await db.SaveChangesAsync(cancellationToken);
        feed.Publish(fresh);
    }
}

/// <summary>
/// Tells the TOC and the managers when a day turns Red, and again when a red day is within five working days
/// with no one assigned (checked on every plan change and every hour).
/// </summary>
public sealed partial class HighRiskDayNotifier(
    SupportPlanFeed plans,
    NotificationService notifications,
    IDbContextFactory<ChangeCoordinationDb> dbFactory,
    RuleBook rules,
    TimeProvider clock,
    ClusterLock clusterLock,
    ILogger<HighRiskDayNotifier> logger) : BackgroundService
{
    public const int UnassignedWarningWorkingDays = 5;
    private static readonly PartyRole[] SupportRoles = [PartyRole.TocOperator, PartyRole.DccManager];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = plans.Subscribe(dates => CheckAsync(dates, stoppingToken));
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            try
            {
                await CheckAsync(null, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException and not OutOfMemoryException)
            {
                // The database did not answer: the next hour's check tries again; the server stays up.
                LogCheckFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The red-day notices could not be checked; the next hourly check tries again.")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception);

    private async Task CheckAsync(IReadOnlyList<DateOnly>? dates, CancellationToken cancellationToken)
    {
        // One server at a time, so that each notice is written once (NotifyRolesAsync skips one already written).
        await using var held = await clusterLock.TakeAsync("red-day-notices", cancellationToken);
        var today = LondonTime.DateOf(clock.GetUtcNow());
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.SupportPlans.AsNoTracking().Where(p => p.Date >= today && p.State != SupportPlanState.StoodDown);
        if (dates is not null)
        {
            query = query.Where(p => dates.Contains(p.Date));
        }

        foreach (var plan in await query.ToListAsync(cancellationToken))
        {
            var day = plan.Date.ToString("ddd d MMM yyyy", UkEnglish.Culture);
            var link = $"days/{plan.Date:yyyy-MM-dd}";
            await notifications.NotifyRolesAsync(SupportRoles, $"{day} turned Red: a support plan is open for it.", link, cancellationToken);
            if (plan.State == SupportPlanState.Unassigned && rules.Calendar.WorkingDaysBetween(today, plan.Date) < UnassignedWarningWorkingDays)
            {
                await notifications.NotifyRolesAsync(SupportRoles, $"{day} is Red and within {UnassignedWarningWorkingDays} working days, and no one is assigned to it.", link, cancellationToken);
            }
        }
    }
}

public sealed record NotificationsResponse(int Unread, IReadOnlyList<NotificationResponse> Recent);

public static class NotificationEndpoints
{
    public static IEndpointRouteBuilder MapNotificationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/notifications").WithTags("Notifications").RequireAuthorization(Identity.Policies.SignedIn);

        group.MapGet("/", async (HttpContext context, NotificationService notifications) =>
        {
            var email = Api.CallerBinding.Require(context).Email;
            return Results.Ok(new NotificationsResponse(
                await notifications.UnreadCountAsync(email, context.RequestAborted),
                await notifications.RecentAsync(email, context.RequestAborted)));
        })
        .Produces<NotificationsResponse>()
        .WithSummary("The caller's unread count and most recent notifications.");

        group.MapPost("/read", async (HttpContext context, NotificationService notifications) =>
        {
            await notifications.MarkAllReadAsync(Api.CallerBinding.Require(context).Email, context.RequestAborted);
            return Results.NoContent();
        })
        .WithSummary("Mark all the caller's notifications as read.");

        return app;
    }
}
