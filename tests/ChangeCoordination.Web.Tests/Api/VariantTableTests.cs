using System.Globalization;
using System.Net;
using System.Text.Json;
using ChangeCoordination.Web.Tests.Infrastructure;

namespace ChangeCoordination.Web.Tests.Api;

public sealed class VariantTableTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Url = "/api/v1/operations/variants";

    private static List<Dictionary<string, object?>> Rows(JsonElement table) =>
        [.. table.GetProperty("variants").EnumerateArray().Select(v => new Dictionary<string, object?>
        {
            ["srv"] = v.Text("srv"),
            ["process"] = v.Text("process"),
            ["targetSeconds"] = v.GetProperty("targetSeconds").GetInt32(),
            ["name"] = v.Text("name"),
        })];

    private static int Revision(JsonElement table) => table.GetProperty("revision").GetInt32();

    private static async Task<JsonElement> ReplaceAsync(HttpClient client, object rows, int revision)
    {
        using var response = await client.SendJsonAsync(HttpMethod.Put, Url, rows, revision);
        return await response.ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task DCC_staff_read_the_seeded_defaults_with_the_revision_as_ETag()
    {
        var toc = await app.ClientForAsync(DemoUsers.Toc);

        using var response = await toc.GetAsync(new Uri(Url, UriKind.Relative));
        var table = await response.ExpectAsync(HttpStatusCode.OK);

        Assert.Equal($"\"{Revision(table).ToString(CultureInfo.InvariantCulture)}\"", response.Headers.ETag?.Tag);
        var rows = Rows(table);
        Assert.Equal(13, rows.Count);
        var commission = rows.Single(r => (string?)r["srv"] == "8.1.1");
        Assert.Equal(("InstallAndCommission", 30), ((string?)commission["process"], (int?)commission["targetSeconds"]));
        Assert.Equal(86_400, rows.Single(r => (string?)r["srv"] == "5.1")["targetSeconds"]);
        Assert.Contains(rows, r => (string?)r["srv"] == "ALERT");
    }

    [Fact]
    public async Task A_manager_replaces_the_table_and_the_import_follows_it_and_the_write_is_audited()
    {
        var manager = await app.ClientForAsync(DemoUsers.Manager);
        var before = await manager.GetJsonAsync(Url);
        var rows = Rows(before);
        rows.Add(new() { ["srv"] = "8.14.2", ["process"] = "InstallAndCommission", ["targetSeconds"] = 45, ["name"] = "Read Device Log" });

        var after = await ReplaceAsync(manager, rows, Revision(before));

        Assert.Equal(Revision(before) + 1, Revision(after));
        Assert.Equal(45, Rows(after).Single(r => (string?)r["srv"] == "8.14.2")["targetSeconds"]);
        Assert.Equal(after.ToString(), (await manager.GetJsonAsync(Url)).ToString());
        using var import = await manager.SendRawAsync(HttpMethod.Post, "/api/v1/operations/imports/service-requests",
            "requestId,srv,smets,region,received,responded,outcomeCode\nV-1,8.14.2,SMETS2,North,2031-03-03T10:00:00Z,2031-03-03T10:00:20Z,I0\n", "text/csv");
        await import.ExpectAsync(HttpStatusCode.OK);
        var audit = await manager.GetJsonAsync("/api/v1/audit?action=variant-table.replaced");
        Assert.Contains(audit.GetProperty("events").EnumerateArray(), e => e.Text("actor") == DemoUsers.Manager);
    }

    [Fact]
    public async Task A_re_mapped_SRV_moves_its_requests_to_the_other_process_in_the_report()
    {
        var owner = await app.ClientForAsync(DemoUsers.Owner);
        var toc = await app.ClientForAsync(DemoUsers.Toc);
        using var import = await toc.SendRawAsync(HttpMethod.Post, "/api/v1/operations/imports/service-requests",
            "requestId,srv,smets,region,received,responded,outcomeCode\n" +
            "M-1,2.2,SMETS2,North,2031-05-06T10:00:00Z,2031-05-06T10:00:40Z,I0\n" +
            "M-2,2.2,SMETS2,North,2031-05-06T11:00:00Z,2031-05-06T11:00:10Z,I0\n" +
            "M-3,2.2,SMETS2,North,2031-05-07T10:00:00Z,2031-05-07T10:00:05Z,I0\n", "text/csv");
        await import.ExpectAsync(HttpStatusCode.OK);
        var before = await owner.GetJsonAsync("/api/v1/operations/report?month=2031-05");
        Assert.Equal(["Prepayment"], before.GetProperty("rsvp").EnumerateArray().Select(r => r.Text("process")));

        var table = await owner.GetJsonAsync(Url);
        var rows = Rows(table);
        var topUp = rows.Single(r => (string?)r["srv"] == "2.2");
        (topUp["process"], topUp["targetSeconds"]) = ("Billing", 60);
        await ReplaceAsync(owner, rows, Revision(table));

        var after = await owner.GetJsonAsync("/api/v1/operations/report?month=2031-05");
        var billing = Assert.Single(after.GetProperty("rsvp").EnumerateArray());
        Assert.Equal(("Billing", 3), (billing.Text("process"), billing.GetProperty("volume").GetInt32()));
        Assert.Equal(1.0, billing.GetProperty("withinTargetShare").GetDouble());
        Assert.All(after.GetProperty("rsvpDaily").EnumerateArray(), d => Assert.Equal("Billing", d.Text("process")));
    }

    [Fact]
    public async Task A_table_with_bad_rows_answers_400_naming_each_row_and_field_and_changes_nothing()
    {
        var manager = await app.ClientForAsync(DemoUsers.Manager);
        var before = await manager.GetJsonAsync(Url);
        var rows = Rows(before);
        rows.Add(new() { ["srv"] = "8.1.1", ["process"] = "Billing", ["targetSeconds"] = 30, ["name"] = "Twice" });
        rows.Add(new() { ["srv"] = "8..1", ["process"] = "Teleportation", ["targetSeconds"] = 0, ["name"] = "" });
        rows.Add(new() { ["srv"] = "", ["process"] = "Billing", ["targetSeconds"] = 604_801, ["name"] = "Too slow" });
        rows.Add(new() { ["srv"] = "1.2.3.4.5.6.7.8.9.10.11", ["process"] = "Billing", ["name"] = "No target" });
        var n = rows.Count;

        using var response = await manager.SendJsonAsync(HttpMethod.Put, Url, rows, Revision(before));

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest,
            $"[{n - 4}].srv", $"[{n - 3}].srv", $"[{n - 3}].process", $"[{n - 3}].targetSeconds", $"[{n - 3}].name",
            $"[{n - 2}].srv", $"[{n - 2}].targetSeconds", $"[{n - 1}].srv", $"[{n - 1}].targetSeconds");
        var errors = problem.GetProperty("errors");
        Assert.Contains("already in row", errors.GetProperty($"[{n - 4}].srv")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("Billing", errors.GetProperty($"[{n - 3}].process")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("604800", errors.GetProperty($"[{n - 2}].targetSeconds")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before.ToString(), (await manager.GetJsonAsync(Url)).ToString());

        using var empty = await manager.SendJsonAsync(HttpMethod.Put, Url, Array.Empty<object>(), Revision(before));
        await empty.ExpectProblemAsync(HttpStatusCode.BadRequest, "$");
        Assert.Equal(before.ToString(), (await manager.GetJsonAsync(Url)).ToString());
    }

    [Fact]
    public async Task A_replacement_from_a_stale_revision_answers_412_and_one_without_If_Match_428()
    {
        var manager = await app.ClientForAsync(DemoUsers.Manager);
        var owner = await app.ClientForAsync(DemoUsers.Owner);
        var read = await manager.GetJsonAsync(Url);
        var rows = Rows(read);
        await ReplaceAsync(owner, rows, Revision(read));
        var current = await manager.GetJsonAsync(Url);

        using var stale = await manager.SendJsonAsync(HttpMethod.Put, Url, rows.Take(1), Revision(read));
        using var missing = await manager.SendJsonAsync(HttpMethod.Put, Url, rows.Take(1));

        var problem = await stale.ExpectProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Contains($"\"{Revision(current).ToString(CultureInfo.InvariantCulture)}\"", problem.Text("detail"), StringComparison.Ordinal);
        await missing.ExpectProblemAsync(HttpStatusCode.PreconditionRequired);
        Assert.Equal(current.ToString(), (await manager.GetJsonAsync(Url)).ToString());
    }

    [Theory]
    [InlineData(DemoUsers.Toc)]
    [InlineData(DemoUsers.Assessor)]
    [InlineData(DemoUsers.SupplierA)]
    public async Task Only_DCC_Managers_and_the_Site_Owner_may_replace_the_table(string email)
    {
        var manager = await app.ClientForAsync(DemoUsers.Manager);
        var before = await manager.GetJsonAsync(Url);
        var client = await app.ClientForAsync(email);

        using var response = await client.SendJsonAsync(HttpMethod.Put, Url, Rows(before).Take(1), Revision(before));

        await response.ExpectProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(before.ToString(), (await manager.GetJsonAsync(Url)).ToString());
    }
}
