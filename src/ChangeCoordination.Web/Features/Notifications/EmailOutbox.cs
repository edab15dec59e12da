using System.ComponentModel.DataAnnotations;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Identity;
using ChangeCoordination.Web.Observability;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ChangeCoordination.Web.Features.Notifications;

/// <summary>The <c>Smtp</c> configuration section: e-mail goes out only when <see cref="Host"/> is set.</summary>
public sealed class SmtpSettings : IValidatableObject
{
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 25;

    [EmailAddress]
    public string From { get; set; } = "change-coordination@dcc.example";

    /// <summary>
    /// How the connection is secured: <c>StartTls</c> (the default: the server must offer STARTTLS),
    /// <c>StartTlsWhenAvailable</c>, <c>SslOnConnect</c> (implicit TLS, port 465) or <c>None</c> (a relay on a trusted
    /// network only).
    /// </summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;

    /// <summary>The login, when the server asks for one; sent only after TLS unless <see cref="Security"/> is <c>None</c>.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>
    /// The SHA-256 of a server certificate to accept although the system does not trust it (a relay's self-signed
    /// certificate), as hex; any other certificate must be trusted as usual.
    /// </summary>
    public string? CertificateSha256 { get; set; }

    /// <summary>How long a connect, a login or one e-mail may take before the attempt counts as failed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times an e-mail is tried (with back-off from 5 seconds to 10 minutes) before it is <c>Failed</c>.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 10;

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrEmpty(Username) != string.IsNullOrEmpty(Password))
        {
            yield return new ValidationResult("Set both Smtp:Username and Smtp:Password for a login, or neither.", [nameof(Username), nameof(Password)]);
        }

        if (CertificateSha256 is { } pin && (pin.Length != 64 || !pin.All(Uri.IsHexDigit)))
        {
            yield return new ValidationResult("Smtp:CertificateSha256 is the certificate's SHA-256 as 64 hex digits.", [nameof(CertificateSha256)]);
        }
    }
}

/// <summary>
/// Sends the outbox over SMTP (MailKit): each e-mail is marked sent as soon as the server has taken it, so a crash
/// mid-batch resends at most the one e-mail in flight. A failed attempt is retried with back-off from 5 seconds to
/// 10 minutes; after <see cref="SmtpSettings.MaxAttempts"/> the e-mail is <c>Failed</c> and waits for the Site Owner.
/// </summary>
public sealed partial class EmailOutboxSender(
    IDbContextFactory<ChangeCoordinationDb> dbFactory,
    IOptions<SmtpSettings> settings,
    TimeProvider clock,
    ClusterLock clusterLock,
    AppMetrics metrics,
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
        metrics.OutboxCounted(await db.Outbox.CountAsync(e => e.SentAt == null && e.FailedAt == null, cancellationToken));
        var due = await db.Outbox
            .Where(e => e.SentAt == null && e.FailedAt == null && e.NextAttemptAt <= now)
            .OrderBy(e => e.Id)
            .Take(Batch)
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return;
        }

        var smtp = settings.Value;
        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        if (smtp.CertificateSha256 is { } pin)
        {
            client.ServerCertificateValidationCallback = (_, certificate, _, errors) => errors == SslPolicyErrors.None || IsPinned(certificate, pin);
        }

        try
        {
            using var connecting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            connecting.CancelAfter(smtp.Timeout);
            await client.ConnectAsync(smtp.Host!, smtp.Port, smtp.Security, connecting.Token);
            if (!string.IsNullOrEmpty(smtp.Username))
            {
                await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", connecting.Token);
            }
        }
        catch (Exception exception) when (IsSendFailure(exception, cancellationToken))
        {
            // No e-mail could go: each due one has had its attempt.
            LogConnectFailed(logger, due.Count, exception.GetType().Name);
            foreach (var email in due)
            {
                Failed(email, exception);
            }

            await db.SaveChangesAsync(CancellationToken.None);
            return;
        }

        foreach (var email in due)
        {
            try
            {
                using var message = Message(smtp.From, email);
                using var sending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                sending.CancelAfter(smtp.Timeout);
                await client.SendAsync(message, sending.Token);
                email.SentAt = clock.GetUtcNow();
                email.LastError = null;
            }
            catch (Exception exception) when (IsSendFailure(exception, cancellationToken))
            {
                Failed(email, exception);
            }

            // Marked as it goes, even when stopping: the server has taken it, so it must never go again.
            await db.SaveChangesAsync(CancellationToken.None);
            if (!client.IsConnected)
            {
                // The server dropped the connection: the rest wait for the next poll, with no attempt spent.
                break;
            }
        }

        if (client.IsConnected)
        {
            await client.DisconnectAsync(quit: true, CancellationToken.None);
        }
    }

    private void Failed(OutboxEmail email, Exception exception)
    {
        email.Attempts++;
        email.LastError = exception.Message.Length > 500 ? exception.Message[..500] : exception.Message;
        if (email.Attempts >= settings.Value.MaxAttempts)
        {
            email.FailedAt = clock.GetUtcNow();
            metrics.OutboxFailed(gaveUp: true);
            LogGaveUp(logger, email.Id, email.Attempts, exception.GetType().Name);
            return;
        }

        metrics.OutboxFailed(gaveUp: false);

        var backOff = TimeSpan.FromSeconds(5 * Math.Pow(2, Math.Min(email.Attempts - 1, 10)));
        email.NextAttemptAt = clock.GetUtcNow() + (backOff < MaxBackOff ? backOff : MaxBackOff);
        LogSendFailed(logger, email.Id, email.Attempts, exception.GetType().Name);
    }

    /// <summary>A failure of the mail server, the network or the e-mail itself, not the app stopping.</summary>
    private static bool IsSendFailure(Exception exception, CancellationToken stopping) =>
        exception is not OutOfMemoryException && !(exception is OperationCanceledException && stopping.IsCancellationRequested);

    private static MimeMessage Message(string from, OutboxEmail email)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(email.Recipient));
        message.Subject = email.Subject;
        message.Body = new TextPart("plain") { Text = email.Body };
        return message;
    }

    private static bool IsPinned(X509Certificate? certificate, string pin) =>
        certificate is not null
        && CryptographicOperations.FixedTimeEquals(SHA256.HashData(certificate.GetRawCertData()), Convert.FromHexString(pin));

    [LoggerMessage(Level = LogLevel.Error, Message = "The e-mail outbox could not be read; the next poll tries again.")]
    private static partial void LogRunFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The mail server could not be reached or refused the login ({Error}); {Count} due e-mails will be retried.")]
    private static partial void LogConnectFailed(ILogger logger, int count, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "E-mail {Id} could not be sent (attempt {Attempts}, {Error}); it stays in the outbox and will be retried.")]
    private static partial void LogSendFailed(ILogger logger, long id, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "E-mail {Id} failed after {Attempts} attempts ({Error}); the Site Owner sees it on /admin/access and may try it again.")]
    private static partial void LogGaveUp(ILogger logger, long id, int attempts, string error);
}

/// <summary>An e-mail that ran out of attempts, as the Site Owner sees it.</summary>
public sealed record FailedEmailResponse(long Id, string Recipient, string Subject, int Attempts, DateTimeOffset FailedAt, string? LastError);

/// <summary>The Site Owner's view of the outbox: the e-mails that failed, and trying one again.</summary>
public sealed class FailedEmails(IDbContextFactory<ChangeCoordinationDb> dbFactory, AuditTrail audit, TimeProvider clock)
{
    public const int Shown = 50;

    public async Task<(int Count, IReadOnlyList<FailedEmailResponse> Latest)> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var failed = db.Outbox.AsNoTracking().Where(e => e.FailedAt != null);
        var count = await failed.CountAsync(cancellationToken);
        var rows = await failed.OrderByDescending(e => e.Id).Take(Shown).ToListAsync(cancellationToken);
        return (count, [.. rows.Select(e => new FailedEmailResponse(e.Id, e.Recipient, e.Subject, e.Attempts, LondonTime.ToLondon(e.FailedAt!.Value), e.LastError))]);
    }

    /// <summary>Puts a failed e-mail back in the outbox with its attempts afresh; false when it is not (or no longer) failed.</summary>
    public async Task<bool> RetryAsync(Caller caller, long id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var email = await db.Outbox.SingleOrDefaultAsync(e => e.Id == id && e.FailedAt != null, cancellationToken);
        if (email is null)
        {
            return false;
        }

        email.FailedAt = null;
        email.Attempts = 0;
        email.NextAttemptAt = clock.GetUtcNow();
        audit.Record(db, caller, "email.retried", $"e-mail {email.Id}");
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
