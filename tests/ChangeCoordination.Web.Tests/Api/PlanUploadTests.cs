using System.IO.Compression;
using System.Net;
using System.Text;
using ChangeCoordination.Web.Features.Changes.Upload;
using ChangeCoordination.Web.Identity;
using ChangeCoordination.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChangeCoordination.Web.Tests.Api;

public sealed class PlanUploadTests(CalendarAppFactory app) : IClassFixture<CalendarAppFactory>
{
    private const string Header = "kind,type,start,end,description,devices,smets,manufacturer,model,firmwareVersion";

    private PlanUpload Upload => app.Services.GetRequiredService<PlanUpload>();

    [Fact]
    public void Each_CSV_row_is_checked_with_the_API_rules_and_its_errors_name_the_column()
    {
        var csv = $"{Header}\n" +
                  "Planned,Firmware,2027-03-09 20:00,2027-03-09 23:30,Firmware 4.2,ESME;CommsHub,SMETS2,Acme,E470,4.2.0\n" +
                  "Planned,Banana,2027-03-10 20:00,2027-03-10 19:00,,,,,,\n";

        var rows = Upload.Check("plan.csv", Encoding.UTF8.GetBytes(csv));

        Assert.True(rows[0].IsValid);
        Assert.Equal("2027-03-09T20:00:00+00:00", rows[0].Input.Start);
        Assert.Equal(3, rows[1].Row);
        Assert.Contains("type", rows[1].Errors.Keys);
        Assert.Contains("end", rows[1].Errors.Keys);
        Assert.Contains("description", rows[1].Errors.Keys);
    }

    [Fact]
    public void An_xlsx_workbook_is_read_from_its_first_sheet_with_shared_strings_and_Excel_dates()
    {
        var workbook = Workbook(
            """<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c></row>""" +
            """<row r="2"><c r="A2" t="inlineStr"><is><t>Planned</t></is></c><c r="B2" t="inlineStr"><is><t>UserSystem</t></is></c><c r="C2"><v>46455.875</v></c><c r="D2"><v>46455.958333333336</v></c><c r="E2" t="inlineStr"><is><t>Head-end release</t></is></c></row>""",
            ["kind", "type", "start", "end", "description"]);

        var rows = Upload.Check("plan.xlsx", workbook);

        var row = Assert.Single(rows);
        Assert.True(row.IsValid, string.Join("; ", row.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        Assert.Equal("2027-03-09T21:00:00+00:00", row.Input.Start);
    }

    [Fact]
    public void A_workbook_cell_holding_a_formula_is_refused_naming_the_cell()
    {
        var workbook = Workbook("""<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2"><f>1+1</f><v>2</v></c></row>""", ["kind"]);

        var refused = Assert.Throws<FormatException>(() => Upload.Check("plan.xlsx", workbook));

        Assert.Contains("Cell A2 holds a formula", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plan.xlsx", "this is not a zip file")]
    [InlineData("plan.pdf", "%PDF-1.4")]
    [InlineData("plan.csv", "name,age\nalex,3\n")]
    public void A_file_that_is_not_the_template_is_refused_with_what_to_do(string name, string content)
    {
        var refused = Assert.Throws<FormatException>(() => Upload.Check(name, Encoding.UTF8.GetBytes(content)));

        Assert.Matches("(\\.xlsx|template|CSV)", refused.Message);
    }

    [Fact]
    public void Ten_megabytes_of_junk_are_refused_before_they_are_read()
    {
        var refused = Assert.Throws<FormatException>(() => Upload.Check("plan.csv", new byte[10 * 1024 * 1024]));

        Assert.Contains("upload at most 1024 KB", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Confirming_notifies_only_the_valid_rows()
    {
        var csv = $"{Header}\nPlanned,UserSystem,2027-04-13 20:00,2027-04-13 21:00,Release,,,,,\nPlanned,UserSystem,2027-04-14 20:00,2027-04-14 19:00,Bad,,,,,\n";
        var rows = Upload.Check("plan.csv", Encoding.UTF8.GetBytes(csv));
        var supplier = await app.ClientForAsync(DemoUsers.SupplierB);
        var caller = (await app.Services.GetRequiredService<PeopleDirectory>().FindAsync(DemoUsers.SupplierB, CancellationToken.None))!;

        var created = await Upload.ConfirmAsync(caller, rows, CancellationToken.None);

        var reference = Assert.Single(created);
        var stored = await supplier.GetJsonAsync($"/api/v1/changes/{reference}");
        Assert.Equal("Release", stored.Text("description"));
        Assert.Equal(HttpStatusCode.OK, (await supplier.GetAsync(new Uri("/api/v1/changes/template.csv", UriKind.Relative))).StatusCode);
    }

    private static byte[] Workbook(string rows, string[] sharedStrings)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string path, string xml)
            {
                using var writer = new StreamWriter(zip.CreateEntry(path).Open());
                writer.Write(xml);
            }

            const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
            Add("xl/workbook.xml", $"""<workbook xmlns="{Main}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Plan" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            Add("xl/_rels/workbook.xml.rels", """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>""");
            Add("xl/worksheets/sheet1.xml", $"""<worksheet xmlns="{Main}"><sheetData>{rows}</sheetData></worksheet>""");
            Add("xl/sharedStrings.xml", $"""<sst xmlns="{Main}">{string.Concat(sharedStrings.Select(s => $"<si><t>{s}</t></si>"))}</sst>""");
        }

        return buffer.ToArray();
    }
}
