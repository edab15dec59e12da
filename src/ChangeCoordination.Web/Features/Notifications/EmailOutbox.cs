using System.ComponentModel.DataAnnotations;
using System.Net.Mail;
using ChangeCoordination.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChangeCoordination.Web.Features.Notifications;

/// <summary>The <c>Smtp</c> configuration section: e-mail goes out only when <see cref="Host"/> is set.</summary>
public sealed class SmtpSettings
{
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 25;

    [EmailAddress]
    public string From { get; set; } = "change-coordination@dcc.example";

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}

/// <summary>
/// Sends the outbox over SMTP: each e-mail is tried until the server takes it, with back-off from 5 seconds to
/// 10 minutes, so nothing is lost while the mail server is down.
/// </summary>
public sealed partial class EmailOutboxSender(
    IDbContextFactory<ChangeCoordinationDb> dbFactory,
    IOptions<SmtpSettings> settings,
    TimeProvider clock,
    ClusterLock clusterLock,
    ILogger<EmailOutboxSender> logger) : BackgroundService
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public const int Batch = 50;
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxBackOff = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.Value.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(Poll, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SendDueAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException and not OutOfMemoryException)
            {
                // The database did not answer (a restart, a failover): the next poll tries again; the server stays up.
                LogRunFailed(logger, exception);
            }
        }
    }

    /// <summary>Sends what is due; one run at a time on all the servers together, so no e-mail goes twice.</summary>
    public async Task SendDueAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var held = await clusterLock.TakeAsync("email-outbox", cancellationToken);
            await SendDueOnceAsync(cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    public override void Dispose()
    {
        gate.Dispose();
        base.Dispose();
    }

    private async Task SendDueOnceAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var due = await db.Outbox.Where(e => e.SentAt == null && e.NextAttemptAt <= now).OrderBy(e => e.Id).Take(Batch).ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return;
        }

        using var smtp = new SmtpClient(settings.Value.Host, settings.Value.Port) { Timeout = 10_000 };
        foreach (var email in due)
        {
            try
            {
                using var message = new MailMessage(settings.Value.From, email.Recipient, email.Subject, email.Body);
                await smtp.SendMailAsync(message, cancellationToken);
                email.SentAt = clock.GetUtcNow();
                email.LastError = null;
            }
            catch (Exception exception) when (exception is SmtpException or InvalidOperationException or IOException or System.Net.Sockets.SocketException)
            {
                email.Attempts++;
                var backOff = TimeSpan.FromSeconds(5 * Math.Pow(2, Math.Min(email.Attempts - 1, 10)));
                email.NextAttemptAt = clock.GetUtcNow() + (backOff < MaxBackOff ? backOff : MaxBackOff);
                email.LastError = exception.Message.Length > 500 ? exception.Message[..500] : exception.Message;
                LogSendFailed(logger, email.Id, email.Attempts);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The e-mail outbox could not be read; the next poll tries again.")]
    private static partial void LogRunFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "E-mail {Id} could not be sent (attempt {Attempts}); it stays in the outbox and will be retried.")]
    private static partial void LogSendFailed(ILogger logger, long id, int attempts);
}
