using System.Net;
using System.Text;
using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Web.Features.Changes.Upload;
using ChangeCoordination.Web.Identity;
using ChangeCoordination.Web.Tests.Infrastructure;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Microsoft.Extensions.DependencyInjection;

namespace ChangeCoordination.Web.Tests.Api;

/// <summary>
/// The plan template in its two forms, and the upload's row messages in the template's terms. The app runs on
/// <see cref="CalendarAppFactory.Start"/> (Tue 1 Dec 2026), so the template's first example starts on Tue 12 Jan 2027
/// at 20:00, the date each date message shows.
/// </summary>
public sealed class PlanTemplateTests(CalendarAppFactory app) : IClassFixture<CalendarAppFactory>
{
    private const string Header = "Kind,Type,Start,End,Description,Devices,SMETS,Manufacturer,Model,Firmware version";

    private static readonly string[] ApiWords = ["deviceCombinations", "devices[", "firmwareVersion", "ISO 8601", "+00:00", "offset", "'kind'", "'type'", "'start'", "'end'", "'description'"];

    private static DateOnly Today => LondonTime.DateOf(CalendarAppFactory.Start);

    private PlanUpload Upload => app.Services.GetRequiredService<PlanUpload>();

    [Fact]
    public void Each_CSV_row_message_names_the_template_column_and_says_what_to_write_in_the_CSV_form()
    {
        var day = TestDates.Iso(TestDates.Next());
        var csv = $"{Header}\n" +
                  $"Planned,Firmware,{day} 20:00,{day} 22:00,Roll-out,ESME;Toaster;esme,SMETS2,Acme,E470,4.2.0\n" +
                  $"Sometimes,Banana,tomorrow at 8pm,,Release,,,,,\n" +
                  $"Planned,Firmware,{day} 20:00,{day} 22:00,Roll-out,ESME,,,,\n" +
                  $"Planned,UserSystem,{day} 20:00,{day} 22:00,Release,,SMETS2,,E470,\n";

        var rows = Upload.Check("plan.csv", Encoding.UTF8.GetBytes(csv));

        Assert.Equal(
            ["'Toaster' is not a device; write one of ESME, GSME, CommsHub, GPF, PPMID, IHD, HCALCS, Type2, or several separated by ; (ESME;CommsHub).", "ESME is written twice; write each device once."],
            rows[0].Errors["Devices"]);
        Assert.Equal(["Kind", "Type", "Start", "End"], rows[1].Errors.Keys);
        Assert.Equal("'Sometimes' is not a kind; write Planned or Unplanned.", Assert.Single(rows[1].Errors["Kind"]));
        Assert.Equal("'Banana' is not a type; write one of UserSystem, Firmware, BusinessCritical.", Assert.Single(rows[1].Errors["Type"]));
        Assert.Equal("'tomorrow at 8pm' is not a date and time; write it as 2027-01-12 20:00 (London time).", Assert.Single(rows[1].Errors["Start"]));
        Assert.Equal("Write the date and time as 2027-01-12 20:00 (London time).", Assert.Single(rows[1].Errors["End"]));
        Assert.Equal("Write SMETS1 or SMETS2 for the devices in Devices.", Assert.Single(rows[2].Errors["SMETS"]));
        Assert.Equal("Write the devices that SMETS and Model describe (for example ESME;CommsHub), or clear SMETS and Model.", Assert.Single(rows[3].Errors["Devices"]));
        AssertNoApiWords(rows);
    }

    [Fact]
    public void A_planned_firmware_row_without_devices_is_told_to_fill_Devices_and_SMETS()
    {
        var day = TestDates.Iso(TestDates.Next());

        var row = Assert.Single(Upload.Check("plan.csv", Encoding.UTF8.GetBytes($"{Header}\nPlanned,Firmware,{day} 20:00,{day} 22:00,Roll-out,,,,,\n")));

        Assert.Equal("A planned firmware deployment names the devices it targets: write them in Devices (for example ESME;CommsHub) and their generation in SMETS.", Assert.Single(row.Errors["Devices"]));
    }

    [Fact]
    public void A_start_outside_the_planning_horizon_is_told_as_the_template_writes_dates()
    {
        var (first, last) = app.Services.GetRequiredService<Features.Calendar.RuleBook>().Horizon.Starts(Today);

        var csv = Assert.Single(Upload.Check("plan.csv", Encoding.UTF8.GetBytes($"{Header}\nPlanned,UserSystem,9999-12-31 20:00,9999-12-31 21:00,Release,,,,,\n")));

        Assert.Equal($"9999-12-31 20:00 is outside the planning horizon: write a start from {TestDates.Iso(first)} to {TestDates.Iso(last)}.", Assert.Single(csv.Errors["Start"]));
        Assert.StartsWith("9999-12-31 21:00 is outside the planning horizon: write an end from", Assert.Single(csv.Errors["End"]), StringComparison.Ordinal);
    }

    [Fact]
    public void The_rules_across_cells_keep_the_validators_words_under_the_template_column()
    {
        var day = TestDates.Next();
        var csv = $"{Header}\nPlanned,UserSystem,{TestDates.Iso(day)} 20:00,{TestDates.Iso(day)} 19:00,Release,,,,,\nPlanned,UserSystem,{TestDates.Iso(day)} 20:00,{TestDates.Iso(day)} 21:00,,,,,,\n";

        var rows = Upload.Check("plan.csv", Encoding.UTF8.GetBytes(csv));

        Assert.Equal("End must be after start: the outage ends at 19:00 on the next day?", Assert.Single(rows[0].Errors["End"]));
        Assert.StartsWith("A planned change needs a description", Assert.Single(rows[1].Errors["Description"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Closed_values_are_read_in_any_case_and_by_their_display_names()
    {
        var day = TestDates.Iso(TestDates.Next());
        var csv = $"{Header}\nplanned,User System change,{day} 20:00,{day} 22:00,Release,,,,,\nPLANNED,firmware deployment,{day} 20:00,{day} 22:00,Roll-out,esme; commshub,smets1,,,\n";

        var rows = Upload.Check("plan.csv", Encoding.UTF8.GetBytes(csv));

        Assert.All(rows, r => Assert.True(r.IsValid, string.Join("; ", r.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))));
        Assert.Equal(("Planned", "UserSystem"), (rows[0].Input.Kind, rows[0].Input.Type));
        Assert.Equal(["ESME", "CommsHub"], rows[1].Input.DeviceCombinations![0].Devices!);
        Assert.Equal("SMETS1", rows[1].Input.DeviceCombinations![0].Smets);
    }

    [Theory]
    [InlineData("plan.csv")]
    [InlineData("plan.xlsx")]
    public async Task The_templates_example_rows_are_valid_rows_as_they_stand(string fileName)
    {
        using var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var template = await supplier.GetByteArrayAsync(new Uri($"/api/v1/changes/template{Path.GetExtension(fileName)}", UriKind.Relative));

        var rows = Upload.Check(fileName, template);

        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.True(r.IsValid, string.Join("; ", r.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))));
        Assert.Equal("2027-01-12T20:00:00+00:00", rows[0].Input.Start);
        Assert.Equal("2027-01-14T01:00:00+00:00", rows[1].Input.End);
    }

    [Fact]
    public async Task The_xlsx_template_is_served_to_DCC_Users_only_as_an_Excel_workbook()
    {
        var route = new Uri("/api/v1/changes/template.xlsx", UriKind.Relative);
        using var supplier = await app.ClientForAsync(DemoUsers.SupplierB);
        using var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        using var anonymous = app.CreateClient();

        using var response = await supplier.GetAsync(route);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(PlanWorkbook.ContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(PlanWorkbook.FileName, response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal(HttpStatusCode.Forbidden, (await assessor.GetAsync(route)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(route)).StatusCode);
    }

    [Fact]
    public void The_xlsx_template_is_valid_Open_XML_with_a_frozen_header_typed_dates_and_drop_down_lists()
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(PlanWorkbook.Write(Today)), isEditable: false);

        Assert.Empty(new OpenXmlValidator(FileFormatVersions.Office2016).Validate(document));
        var workbook = document.WorkbookPart!;
        Assert.Equal(["Plan", "Columns"], workbook.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name?.Value));
        var plan = ExcelFill.Sheet(workbook, "Plan");
        Assert.Equal(PlanTemplate.Columns.Select(c => c.Header), plan.Descendants<Row>().First().Elements<Cell>().Select(CellText));
        var pane = plan.Descendants<Pane>().Single();
        Assert.Equal((PaneStateValues.Frozen, "A2"), (pane.State!.Value, pane.TopLeftCell!.Value));

        var start = plan.Descendants<Cell>().Single(c => c.CellReference == "C2");
        Assert.Null(start.DataType);
        Assert.Equal(new DateTime(2027, 1, 12, 20, 0, 0), DateTime.FromOADate(double.Parse(start.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)));
        var format = workbook.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)start.StyleIndex!.Value);
        Assert.Equal("dd/mm/yyyy hh:mm", workbook.WorkbookStylesPart.Stylesheet.NumberingFormats!.Elements<NumberingFormat>().Single(f => f.NumberFormatId!.Value == format.NumberFormatId!.Value).FormatCode!.Value);

        var lists = plan.Descendants<DataValidation>().Where(v => v.Type!.Value == DataValidationValues.List).ToDictionary(v => v.SequenceOfReferences!.InnerText!, v => v.Formula1!.Text!);
        Assert.Equal("\"Planned,Unplanned\"", lists["A2:A501"]);
        Assert.Equal("\"UserSystem,Firmware,BusinessCritical\"", lists["B2:B501"]);
        Assert.Equal("\"ESME,GSME,CommsHub,GPF,PPMID,IHD,HCALCS,Type2\"", lists["F2:F501"]);
        Assert.Equal("\"SMETS1,SMETS2\"", lists["G2:G501"]);
        Assert.Contains(plan.Descendants<DataValidation>(), v => v.Type!.Value == DataValidationValues.Date && v.SequenceOfReferences!.InnerText == "C2:C501");

        var columns = ExcelFill.Sheet(workbook, "Columns").Descendants<Row>().Select(r => r.Elements<Cell>().Select(CellText).ToList()).ToList();
        Assert.Equal(PlanTemplate.Columns.Select(c => c.Header), columns.Skip(1).Take(PlanTemplate.Columns.Count).Select(r => r[0]));
        Assert.StartsWith("ESME (electricity meter), GSME (gas meter), CommsHub (Comms Hub),", columns.Single(r => r[0] == "Devices")[3], StringComparison.Ordinal);
        Assert.Contains("Type2 (Type 2, other devices); several separated by ;", columns.Single(r => r[0] == "Devices")[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_xlsx_template_filled_as_Excel_fills_it_is_read_back_with_its_typed_dates_and_notified()
    {
        var day = TestDates.Next();
        var filled = ExcelFill.Plan(PlanWorkbook.Write(Today),
        [
            ["Planned", "Firmware", day.ToDateTime(new TimeOnly(20, 0)), day.ToDateTime(new TimeOnly(23, 30)), "Firmware 5.0 to gas meters", "GSME;GPF", "SMETS2", "Acme", "0470", "5.0"],
            ["Planned", "UserSystem", day.AddDays(1).ToDateTime(new TimeOnly(22, 0)), day.AddDays(2).ToDateTime(new TimeOnly(1, 30)), "Head-end release", null, null, null, null, null],
        ]);

        var rows = Upload.Check("plan.xlsx", filled);

        Assert.All(rows, r => Assert.True(r.IsValid, string.Join("; ", r.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))));
        Assert.Equal(LondonTime.At(day, new TimeOnly(20, 0)), DateTimeOffset.Parse(rows[0].Input.Start!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(LondonTime.At(day.AddDays(2), new TimeOnly(1, 30)), DateTimeOffset.Parse(rows[1].Input.End!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("0470", rows[0].Input.DeviceCombinations![0].Model);

        var caller = (await app.Services.GetRequiredService<PeopleDirectory>().FindAsync(DemoUsers.SupplierB, CancellationToken.None))!;
        var created = (await Upload.ConfirmAsync(caller, rows, CancellationToken.None)).References!;

        Assert.Equal(2, created.Count);
        using var supplier = await app.ClientForAsync(DemoUsers.SupplierB);
        var stored = await supplier.GetJsonAsync($"/api/v1/changes/{created[0]}");
        Assert.Equal("Firmware 5.0 to gas meters", stored.Text("description"));
    }

    [Fact]
    public void A_value_outside_a_workbooks_drop_down_and_a_text_date_are_told_in_the_workbooks_terms()
    {
        var day = TestDates.Next();
        var filled = ExcelFill.Plan(PlanWorkbook.Write(Today),
        [
            ["Sometimes", "Firmware", day.ToDateTime(new TimeOnly(20, 0)), "next Tuesday", "Roll-out", "ESME", "SMETS3", null, null, null],
        ]);

        var row = Assert.Single(Upload.Check("plan.xlsx", filled));

        Assert.Equal("'Sometimes' is not a kind; write Planned or Unplanned.", Assert.Single(row.Errors["Kind"]));
        Assert.Equal("'SMETS3' is not a SMETS generation; write SMETS1 or SMETS2.", Assert.Single(row.Errors["SMETS"]));
        Assert.Equal("'next Tuesday' is not a date and time; write it as 12/01/2027 20:00 (London time) in a date cell, shown as dd/mm/yyyy hh:mm.", Assert.Single(row.Errors["End"]));
        Assert.Equal(["Kind", "End", "SMETS"], row.Errors.Keys);
    }

    [Fact]
    public void A_number_in_a_CSV_date_column_is_not_taken_for_an_Excel_date()
    {
        var row = Assert.Single(Upload.Check("plan.csv", Encoding.UTF8.GetBytes($"{Header}\nPlanned,UserSystem,46455.875,46455.9,Release,,,,,\n")));

        Assert.Equal("'46455.875' is not a date and time; write it as 2027-01-12 20:00 (London time).", Assert.Single(row.Errors["Start"]));
    }

    private static void AssertNoApiWords(IEnumerable<PlanRow> rows)
    {
        foreach (var message in rows.SelectMany(r => r.Errors.Values.SelectMany(m => m)))
        {
            Assert.DoesNotContain(ApiWords, word => message.Contains(word, StringComparison.Ordinal));
        }
    }

    private static string CellText(Cell cell) => cell.InnerText;
}
