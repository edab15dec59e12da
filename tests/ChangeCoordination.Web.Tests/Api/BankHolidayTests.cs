using System.Net;
using System.Text.Json.Nodes;
using ChangeCoordination.Web.Tests.Infrastructure;

namespace ChangeCoordination.Web.Tests.Api;

public sealed class BankHolidayTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Uploading_GOV_UK_bank_holidays_adds_a_one_off_holiday_that_lead_times_then_count()
    {
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var file = ShippedFile();
        var events = file["england-and-wales"]!["events"]!.AsArray();
        events.Add(new JsonObject { ["title"] = "Extra bank holiday", ["date"] = "2027-06-07", ["notes"] = "", ["bunting"] = true });

        var upload = await assessor.SendRawAsync(HttpMethod.Put, "/api/v1/bank-holidays/overrides", file.ToJsonString());

        var table = await upload.ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(table.EnumerateArray(), o => o.Text("date") == "2027-06-07" && o.GetProperty("isHoliday").GetBoolean());
        var holidays = await assessor.GetJsonAsync("/api/v1/bank-holidays?year=2027");
        Assert.Contains(holidays.EnumerateArray(), h => h.Text("date") == "2027-06-07" && h.Text("name") == "Extra bank holiday");
    }

    [Fact]
    public async Task A_file_that_is_not_GOV_UK_bank_holidays_is_refused_naming_the_file_and_changes_nothing()
    {
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var before = (await assessor.GetJsonAsync("/api/v1/bank-holidays/overrides")).GetRawText();

        var upload = await assessor.SendRawAsync(HttpMethod.Put, "/api/v1/bank-holidays/overrides", "{\"scotland\": {\"events\": []}}");

        await upload.ExpectProblemAsync(HttpStatusCode.BadRequest, "file");
        Assert.Equal(before, (await assessor.GetJsonAsync("/api/v1/bank-holidays/overrides")).GetRawText());
    }

    [Fact]
    public async Task A_DCC_User_may_read_bank_holidays_but_not_change_them()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);

        var holidays = await supplier.GetJsonAsync("/api/v1/bank-holidays?year=2026");
        Assert.Contains(holidays.EnumerateArray(), h => h.Text("date") == "2026-12-28");
        var upload = await supplier.SendRawAsync(HttpMethod.Put, "/api/v1/bank-holidays/overrides", ShippedFile().ToJsonString());
        Assert.Equal(HttpStatusCode.Forbidden, upload.StatusCode);
    }

    private static JsonNode ShippedFile()
    {
        using var stream = typeof(Core.Calendar.GovUkBankHolidays).Assembly.GetManifestResourceStream("bank-holidays.json")!;
        return JsonNode.Parse(stream)!;
    }
}
