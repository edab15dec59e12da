using System.Globalization;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Features.Notifications;
using ChangeCoordination.Web.Identity;
using ChangeCoordination.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChangeCoordination.Web.Tests.Api;

/// <summary>The e-mail outbox against a real SMTP server on loopback: each test has an app (and a database) of its own.</summary>
public sealed class EmailTests
{
    private const string RedDay = "A day turned Red: a support plan is open for it.";

    [Fact]
    public async Task A_notification_e_mail_waits_while_the_mail_server_is_down_and_goes_when_it_is_back()
    {
        var port = TestSmtpServer.FreePort();
        using var app = Mailing(port);
        await NotifyAsync(app, PartyRole.TocOperator);
        var sender = app.Services.GetRequiredService<EmailOutboxSender>();

        await sender.SendDueAsync(CancellationToken.None);

        var waiting = Assert.Single(await OutboxAsync(app));
        Assert.Null(waiting.SentAt);
        Assert.Equal(1, waiting.Attempts);
        Assert.Null(waiting.FailedAt);

        await using var smtp = await TestSmtpServer.StartAsync(new SmtpServerOptions { Port = port });
        await sender.SendDueAsync(CancellationToken.None);
        Assert.Empty(smtp.Messages);
        app.Clock.Advance(TimeSpan.FromSeconds(6));
        await sender.SendDueAsync(CancellationToken.None);

        var taken = Assert.Single(smtp.Messages).Message;
        Assert.Equal("Change Coordination: " + RedDay, taken.Subject);
        Assert.Equal(DemoUsers.Toc, Assert.Single(taken.To.Mailboxes).Address);
        Assert.Contains("/days/", taken.TextBody, StringComparison.Ordinal);
        Assert.NotNull(Assert.Single(await OutboxAsync(app)).SentAt);
    }

    [Fact]
    public async Task Each_e_mail_is_marked_sent_as_the_server_takes_it_so_a_stop_mid_batch_sends_none_twice()
    {
        using var stopping = new CancellationTokenSource();
        var refusing = true;
        await using var smtp = await TestSmtpServer.StartAsync(new SmtpServerOptions
        {
            // The fourth message finds the app stopping, as a crash or a stop mid-batch would.
            Accept = number =>
            {
                if (refusing && number == 4)
                {
                    stopping.Cancel();
                    return false;
                }

                return true;
            },
        });
        using var app = Mailing(smtp.Port);
        await NotifyAsync(app, Enum.GetValues<PartyRole>());
        var mails = (await OutboxAsync(app)).Count;
        Assert.True(mails >= 6, $"The demo identities give {mails} e-mails; the test needs more than four.");
        var sender = app.Services.GetRequiredService<EmailOutboxSender>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sender.SendDueAsync(stopping.Token));

        Assert.Equal(3, smtp.Messages.Count);
        var outbox = await OutboxAsync(app);
        Assert.Equal(
            smtp.Messages.Select(m => m.Message.To.Mailboxes.Single().Address).Order(StringComparer.Ordinal),
            outbox.Where(e => e.SentAt is not null).Select(e => e.Recipient).Order(StringComparer.Ordinal));

        refusing = false;
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await sender.SendDueAsync(CancellationToken.None);

        var recipients = smtp.Messages.Select(m => m.Message.To.Mailboxes.Single().Address).ToList();
        Assert.Equal(mails, recipients.Count);
        Assert.Equal(mails, recipients.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(await OutboxAsync(app), e => Assert.NotNull(e.SentAt));
    }

    [Fact]
    public async Task An_e_mail_is_tried_the_set_number_of_times_then_failed_shown_to_the_Site_Owner_who_may_try_it_again()
    {
        var port = TestSmtpServer.FreePort();
        using var app = Mailing(port, b => b.UseSetting("Smtp:MaxAttempts", "2"));
        await NotifyAsync(app, PartyRole.TocOperator);
        var sender = app.Services.GetRequiredService<EmailOutboxSender>();

        await sender.SendDueAsync(CancellationToken.None);
        app.Clock.Advance(TimeSpan.FromSeconds(6));
        await sender.SendDueAsync(CancellationToken.None);
        app.Clock.Advance(TimeSpan.FromHours(1));
        await sender.SendDueAsync(CancellationToken.None);

        var failed = Assert.Single(await OutboxAsync(app));
        Assert.Equal(2, failed.Attempts);
        Assert.NotNull(failed.FailedAt);
        Assert.False(string.IsNullOrEmpty(failed.LastError));

        using var owner = await app.PageClientForAsync(DemoUsers.Owner);
        var page = await owner.GetStringAsync(new Uri("/admin/access", UriKind.Relative));
        Assert.Contains("1 e-mail ran out of attempts", page, StringComparison.Ordinal);
        Assert.Contains($"data-testid=\"failed-email-{failed.Id}\"", page, StringComparison.Ordinal);

        await using var smtp = await TestSmtpServer.StartAsync(new SmtpServerOptions { Port = port });
        Assert.True(await app.Services.GetRequiredService<FailedEmails>().RetryAsync(await OwnerAsync(app), failed.Id, CancellationToken.None));
        await sender.SendDueAsync(CancellationToken.None);

        Assert.Single(smtp.Messages);
        Assert.NotNull(Assert.Single(await OutboxAsync(app)).SentAt);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<ChangeCoordinationDb>>().CreateDbContextAsync();
        Assert.True(await db.AuditEvents.AnyAsync(a => a.Action == "email.retried" && a.Actor == DemoUsers.Owner));
    }

    [Fact]
    public async Task E_mail_goes_over_STARTTLS_with_the_login_to_a_server_whose_pinned_certificate_the_system_does_not_trust()
    {
        using var certificate = TestSmtpServer.SelfSignedCertificate();
        await using var smtp = await TestSmtpServer.StartAsync(new SmtpServerOptions { Certificate = certificate, Login = ("change-coordination", "s3cret-relay") });
        using var app = Mailing(smtp.Port, b => b
            .UseSetting("Smtp:Security", "StartTls")
            .UseSetting("Smtp:Username", "change-coordination")
            .UseSetting("Smtp:Password", "s3cret-relay")
            .UseSetting("Smtp:CertificateSha256", certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256)));
        await NotifyAsync(app, PartyRole.TocOperator);

        await app.Services.GetRequiredService<EmailOutboxSender>().SendDueAsync(CancellationToken.None);

        var taken = Assert.Single(smtp.Messages);
        Assert.True(taken.OverTls);
        Assert.Equal("change-coordination", taken.User);
        Assert.NotNull(Assert.Single(await OutboxAsync(app)).SentAt);
    }

    [Fact]
    public async Task An_untrusted_certificate_that_is_not_pinned_sends_nothing()
    {
        using var certificate = TestSmtpServer.SelfSignedCertificate();
        await using var smtp = await TestSmtpServer.StartAsync(new SmtpServerOptions { Certificate = certificate });
        using var app = Mailing(smtp.Port, b => b.UseSetting("Smtp:Security", "StartTls"));
        await NotifyAsync(app, PartyRole.TocOperator);

        await app.Services.GetRequiredService<EmailOutboxSender>().SendDueAsync(CancellationToken.None);

        Assert.Empty(smtp.Messages);
        var waiting = Assert.Single(await OutboxAsync(app));
        Assert.Null(waiting.SentAt);
        Assert.Equal(1, waiting.Attempts);
    }

    /// <summary>An app that mails through loopback; plain SMTP unless the test says otherwise.</summary>
    private static AppFactory Mailing(int port, Action<IWebHostBuilder>? more = null) => new()
    {
        Customise = b =>
        {
            b.UseSetting("Smtp:Host", "127.0.0.1")
                .UseSetting("Smtp:Port", port.ToString(CultureInfo.InvariantCulture))
                .UseSetting("Smtp:Security", "None")
                .UseSetting("Smtp:Timeout", "00:00:05");
            more?.Invoke(b);
        },
    };

    private static Task NotifyAsync(AppFactory app, params PartyRole[] roles) =>
        app.Services.GetRequiredService<NotificationService>().NotifyRolesAsync(roles, RedDay, $"days/{TestClock.Today.AddDays(7):yyyy-MM-dd}", CancellationToken.None);

    private static async Task<List<OutboxEmail>> OutboxAsync(AppFactory app)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<ChangeCoordinationDb>>().CreateDbContextAsync();
        return await db.Outbox.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
    }

    private static async Task<Caller> OwnerAsync(AppFactory app)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<ChangeCoordinationDb>>().CreateDbContextAsync();
        var owner = await db.People.Include(p => p.Organisation).SingleAsync(p => p.Email == DemoUsers.Owner);
        return new Caller(owner.Email, owner.DisplayName, owner.Role, owner.OrganisationId, owner.Organisation!.Name, owner.HasDetailAccess);
    }
}
