using System.Net;
using ChangeCoordination.Web.Tests.Infrastructure;

namespace ChangeCoordination.Web.Tests.Api;

public sealed class ScheduleFileTests(CalendarAppFactory app) : IClassFixture<CalendarAppFactory>
{
    private const string Header = "title,services,plannedMaintenance,start,end,impactScore,probabilityScore";

    [Fact]
    public async Task A_CSV_of_valid_rows_imports_every_change_and_the_schedule_exports_as_CSV_and_iCalendar()
    {
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var csv = $"{Header}\r\n" +
                  "\"Firewall update, DSP\",UserInterface,true,2026-12-15T22:00:00+00:00,2026-12-16T00:00:00+00:00,2,2\r\n" +
                  "SSI patching,SelfServiceInterface;Other,true,2026-12-17T22:00:00+00:00,2026-12-17T23:30:00+00:00,3,2\r\n";

        var imported = await (await assessor.SendRawAsync(HttpMethod.Post, "/api/v1/internal-changes/import", csv, "text/csv")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(2, imported.GetArrayLength());
        var exported = await assessor.GetStringAsync("/api/v1/internal-changes/export.csv");
        Assert.StartsWith("reference,title,services,plannedMaintenance,start,end,impactScore,probabilityScore,risk,status\r\n", exported, StringComparison.Ordinal);
        Assert.Contains("\"Firewall update, DSP\",UserInterface,true,2026-12-15T22:00:00+00:00", exported, StringComparison.Ordinal);
        var calendar = await assessor.GetStringAsync("/api/v1/internal-changes/export.ics");
        Assert.StartsWith("BEGIN:VCALENDAR\r\n", calendar, StringComparison.Ordinal);
        Assert.Contains("DTSTART:20261217T220000Z\r\n", calendar, StringComparison.Ordinal);
        Assert.Contains("SUMMARY:Planned Maintenance: Firewall update\\, DSP (Green)", calendar, StringComparison.Ordinal);
        Assert.All(calendar.Split("\r\n"), line => Assert.True(System.Text.Encoding.UTF8.GetByteCount(line) <= 75));
    }

    [Fact]
    public async Task A_CSV_with_a_bad_row_is_refused_naming_the_row_and_field_and_imports_nothing()
    {
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var before = (await assessor.GetJsonAsync("/api/v1/internal-changes")).GetArrayLength();
        var csv = $"{Header}\n" +
                  "Good row,UserInterface,true,2027-01-12T22:00:00Z,2027-01-12T23:00:00Z,2,2\n" +
                  "Bad row,UserInterface,true,2027-01-13T22:00:00Z,2027-01-13T21:00:00Z,7,2\n";

        var response = await assessor.SendRawAsync(HttpMethod.Post, "/api/v1/internal-changes/import", csv, "text/csv");

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "rows[2].end", "rows[2].impactScore");
        Assert.Equal(before, (await assessor.GetJsonAsync("/api/v1/internal-changes")).GetArrayLength());
    }

    [Theory]
    [InlineData("not,a,schedule\n1,2,3\n")]
    [InlineData("title,services\n\"never closed,UserInterface\n")]
    [InlineData("")]
    public async Task A_file_that_is_not_the_schedule_template_is_refused_naming_the_file(string csv)
    {
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);

        var response = await assessor.SendRawAsync(HttpMethod.Post, "/api/v1/internal-changes/import", csv, "text/csv");

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "file");
    }

    [Fact]
    public async Task A_CSV_that_is_not_UTF_8_is_refused_naming_the_file_and_imports_nothing()
    {
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var before = (await assessor.GetJsonAsync("/api/v1/internal-changes")).GetArrayLength();
        var start = London.At(TestDates.Next(), 22);
        byte[] latin1 = [.. System.Text.Encoding.UTF8.GetBytes($"{Header}\nCaf"), 0xE9, .. System.Text.Encoding.UTF8.GetBytes($" patch,UserInterface,true,{London.Text(start)},{London.Text(start.AddHours(1))},2,2\n")];
        using var content = new ByteArrayContent(latin1);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");

        using var response = await assessor.PostAsync(new Uri("/api/v1/internal-changes/import", UriKind.Relative), content);

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "file");
        Assert.Contains("not UTF-8", problem.GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, (await assessor.GetJsonAsync("/api/v1/internal-changes")).GetArrayLength());
    }

    [Fact]
    public async Task A_DCC_User_may_export_the_schedule_but_not_import_into_it()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);

        Assert.Equal(HttpStatusCode.OK, (await supplier.GetAsync(new Uri("/api/v1/internal-changes/export.csv", UriKind.Relative))).StatusCode);
        var import = await supplier.SendRawAsync(HttpMethod.Post, "/api/v1/internal-changes/import", $"{Header}\n", "text/csv");
        Assert.Equal(HttpStatusCode.Forbidden, import.StatusCode);
    }
}
