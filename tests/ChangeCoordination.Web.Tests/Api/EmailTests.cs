using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Features.Notifications;
using ChangeCoordination.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChangeCoordination.Web.Tests.Api;

public sealed class EmailTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_notification_e_mail_waits_while_the_mail_server_is_down_and_goes_when_it_is_back()
    {
        var port = SmtpSink.FreePort();
        await using var mailing = app.WithWebHostBuilder(b => b.UseSetting("Smtp:Host", "127.0.0.1").UseSetting("Smtp:Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var services = mailing.Services;
        var notifications = services.GetRequiredService<NotificationService>();
        var sender = services.GetRequiredService<EmailOutboxSender>();
        var dbFactory = services.GetRequiredService<IDbContextFactory<ChangeCoordinationDb>>();

        await notifications.NotifyRolesAsync([PartyRole.TocOperator], "Tue 8 Dec 2026 turned Red: a support plan is open for it.", "days/2026-12-08", CancellationToken.None);
        await sender.SendDueAsync(CancellationToken.None);

        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var waiting = await db.Outbox.SingleAsync(e => e.Recipient == DemoUsers.Toc && e.Subject.Contains("Tue 8 Dec 2026"));
            Assert.Null(waiting.SentAt);
            Assert.Equal(1, waiting.Attempts);
        }

        await using var sink = new SmtpSink(port);
        await sender.SendDueAsync(CancellationToken.None);
        Assert.Empty(sink.Messages);
        app.Clock.Advance(TimeSpan.FromSeconds(6));
        await sender.SendDueAsync(CancellationToken.None);

        var message = Assert.Single(sink.Messages);
        Assert.Contains("Subject: Change Coordination: Tue 8 Dec 2026 turned Red", message, StringComparison.Ordinal);
        Assert.Contains(DemoUsers.Toc, message, StringComparison.Ordinal);
        await using var after = await dbFactory.CreateDbContextAsync();
        Assert.NotNull((await after.Outbox.SingleAsync(e => e.Recipient == DemoUsers.Toc && e.Subject.Contains("Tue 8 Dec 2026"))).SentAt);
    }
}
