using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Features.Notifications;

namespace ChangeCoordination.Web.Features.Reviews;

/// <summary>
/// Reminds the owning organisation's DCC Users, in the bell, of each change whose window has ended with no review:
/// checked every hour, one reminder per change (the same text and link is never written twice to a person).
/// </summary>
public sealed partial class ReviewReminder(
    AwaitingReviews awaiting,
    NotificationService notifications,
    TimeProvider clock,
    ClusterLock clusterLock,
    ILogger<ReviewReminder> logger) : BackgroundService
{
    public static string TextFor(string reference) => $"{reference}'s window has ended: record what happened (its review).";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            try
            {
                await RemindAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException and not OutOfMemoryException)
            {
                // The database did not answer: the next hour's check tries again; the server stays up.
                LogRemindFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass: every change due a reminder gets one, unless its Users already have it.</summary>
    public async Task RemindAsync(CancellationToken cancellationToken)
    {
        // One server at a time, so that each reminder is written once.
        await using var held = await clusterLock.TakeAsync("review-reminders", cancellationToken);
        foreach (var reference in await awaiting.DueForReminderAsync(cancellationToken))
        {
            await notifications.NotifyChangeOwnersAsync(reference, TextFor(reference), $"changes/{reference}", cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The review reminders could not be checked; the next hourly check tries again.")]
    private static partial void LogRemindFailed(ILogger logger, Exception exception);
}
