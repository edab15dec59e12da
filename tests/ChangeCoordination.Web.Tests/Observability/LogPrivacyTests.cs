using System.Net;
using System.Text;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Features.Changes.Upload;
using ChangeCoordination.Web.Identity;
using ChangeCoordination.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChangeCoordination.Web.Tests.Observability;

/// <summary>
/// A User's details never reach a log: a marked change goes through every write path (notified, updated, assessed,
/// refused, stale, cancelled, uploaded, sent as a batch, reviewed), with a consultation response, a support plan's log
/// and an incident import, and no log line at any level, with its values and exceptions, holds the mark.
/// </summary>
public sealed class LogPrivacyTests
{
    private const string Mark = "LOGMARK";

    [Fact]
    public async Task No_log_line_at_any_level_holds_a_description_device_rationale_reason_or_response()
    {
        var logs = new LogCapture();
        using var app = new AppFactory { Customise = builder => builder.ConfigureLogging(logs.AddTo) };
        var user = await app.ClientForAsync(DemoUsers.SupplierA);
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var owner = await app.ClientForAsync(DemoUsers.Owner);
        var manager = await app.ClientForAsync(DemoUsers.Manager);
        var date = TestDates.Next();

        var body = Bodies.Change(date, type: "Firmware", description: $"{Mark}-description head-end release");
        body["deviceCombinations"] = new[] { new { devices = new[] { "ESME" }, smets = "SMETS2", manufacturer = $"{Mark}Maker", model = $"{Mark}Model", firmwareVersion = $"9.9.{Mark}" } };
        var change = await user.NotifyAsync(body);
        body["description"] = $"{Mark}-updated head-end release";
        change = await user.UpdateAsync(change.Reference(), change.Revision(), body);
        using (var assessed = await assessor.SendJsonAsync(HttpMethod.Post, $"/api/v1/changes/{change.Reference()}/assessment", new { probability = "Likely", rationale = $"{Mark}-rationale" }, change.Revision()))
        {
            change = await assessed.ExpectAsync(HttpStatusCode.OK);
        }

        body["description"] = new string('x', 5000) + Mark;
        using (var refused = await user.SendJsonAsync(HttpMethod.Put, $"/api/v1/changes/{change.Reference()}", body, change.Revision()))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        using (var stale = await user.SendJsonAsync(HttpMethod.Put, $"/api/v1/changes/{change.Reference()}", Bodies.Change(date, description: $"{Mark}-stale"), change.Revision() - 1))
        {
            Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        }

        using (var cancelled = await user.SendJsonAsync(HttpMethod.Post, $"/api/v1/changes/{change.Reference()}/cancel", new { reason = $"{Mark}-reason" }))
        {
            await cancelled.ExpectAsync(HttpStatusCode.OK);
        }

        var upload = app.Services.GetRequiredService<PlanUpload>();
        var day = TestDates.Iso(TestDates.Next());
        var plan = $"{string.Join(",", PlanTemplate.Columns.Select(c => c.Header))}\nPlanned,UserSystem,{day} 20:00,{day} 21:00,{Mark}-uploaded release,,,,,\n";
        var rows = upload.Check("plan.csv", Encoding.UTF8.GetBytes(plan));
        Assert.True(Assert.Single(rows).IsValid);
        var supplier = (await app.Services.GetRequiredService<PeopleDirectory>().FindAsync(DemoUsers.SupplierA, CancellationToken.None))!;
        Assert.Single((await upload.ConfirmAsync(supplier, rows, CancellationToken.None)).References!);

        using (var batch = await user.SendJsonAsync(HttpMethod.Post, "/api/v1/changes/batch", new[] { Bodies.Change(TestDates.Next(), description: $"{Mark}-batch release") }))
        {
            await batch.ExpectAsync(HttpStatusCode.Created);
        }

        var ended = await user.NotifyAsync(Bodies.Change(TestDates.Next()));
        var now = app.Clock.GetUtcNow();
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<ChangeCoordinationDb>>().CreateDbContextAsync())
        {
            await db.Changes.Where(c => c.Reference == ended.Reference())
                .ExecuteUpdateAsync(c => c.SetProperty(x => x.Start, now.AddHours(-6)).SetProperty(x => x.End, now.AddHours(-4)));
        }

        using (var reviewed = await user.SendJsonAsync(HttpMethod.Put, $"/api/v1/changes/{ended.Reference()}/review", new { outcome = "Overran", note = $"{Mark}-review note" }, ended.Revision()))
        {
            await reviewed.ExpectAsync(HttpStatusCode.OK);
        }

        var consulted = await owner.StepAsync(await owner.CreateDraftAsync(), "consultation");
        using (var response = await user.SendJsonAsync(HttpMethod.Put, $"/api/v1/methodology/versions/{consulted.Text("version")}/responses/mine", new { text = $"{Mark}-response" }))
        {
            Assert.True(response.IsSuccessStatusCode);
        }

        var red = TestDates.Next();
        await assessor.CreateInternalAsync(Bodies.Internal(red, 5, 3));
        await assessor.SupportPlanOfRedDayAsync(red);
        using (var logged = await manager.SendJsonAsync(HttpMethod.Post, $"/api/v1/support-plans/{TestDates.Iso(red)}/log", new { text = $"{Mark}-log" }))
        {
            Assert.True(logged.IsSuccessStatusCode);
        }

        using (var imported = await manager.SendJsonAsync(HttpMethod.Post, "/api/v1/operations/incidents", new[] { new { reference = "INC-LOG-1", category = 3, summary = $"{Mark}-incident", opened = London.Text(London.At(date, 12)), responsibleParty = "Dcc" } }))
        {
            Assert.True(imported.IsSuccessStatusCode);
        }

        Assert.NotEmpty(logs.Lines);
        Assert.Contains(logs.Lines, l => l.Contains("Executed DbCommand", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains(Mark, StringComparison.OrdinalIgnoreCase));
    }
}
