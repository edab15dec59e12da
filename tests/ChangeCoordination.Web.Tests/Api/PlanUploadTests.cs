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
        Assert.Equal(["Type", "End", "Description"], rows[1].Errors.Keys);
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
    public async Task Confirming_notifies_the_valid_rows_and_not_the_others()
    {
        var csv = $"{Header}\nPlanned,UserSystem,2027-04-13 20:00,2027-04-13 21:00,Release,,,,,\nPlanned,UserSystem,2027-04-14 20:00,2027-04-14 19:00,Bad,,,,,\n";
        var rows = Upload.Check("plan.csv", Encoding.UTF8.GetBytes(csv));
        var supplier = await app.ClientForAsync(DemoUsers.SupplierB);
        var caller = (await app.Services.GetRequiredService<PeopleDirectory>().FindAsync(DemoUsers.SupplierB, CancellationToken.None))!;

        var created = await Upload.ConfirmAsync(caller, rows, CancellationToken.None);

        var reference = Assert.Single(created.References!);
        var stored = await supplier.GetJsonAsync($"/api/v1/changes/{reference}");
        Assert.Equal("Release", stored.Text("description"));
        Assert.Equal(HttpStatusCode.OK, (await supplier.GetAsync(new Uri("/api/v1/changes/template.csv", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public void A_small_workbook_that_inflates_to_a_100_MB_sheet_is_refused_naming_the_part_and_the_limit_without_inflating_it()
    {
        var workbook = Workbook(PaddedRows(100 * 1024 * 1024), ["kind"]);
        var allocated = GC.GetAllocatedBytesForCurrentThread();

        var refused = Assert.Throws<FormatException>(() => Upload.Check("plan.xlsx", workbook));

        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        Assert.True(workbook.Length < Spreadsheet.MaxBytes, $"The test workbook is {workbook.Length / 1024} KB: it must pass the upload limit to test the inflation limit.");
        Assert.Contains("xl/worksheets/sheet1.xml", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"{Spreadsheet.MaxInflatedBytes / 1024 / 1024} MB", refused.Message, StringComparison.Ordinal);
        Assert.True(allocated < 4L * Spreadsheet.MaxInflatedBytes, $"Refusing the workbook allocated {allocated / 1024 / 1024} MB.");
    }

    [Fact]
    public void A_workbook_part_that_understates_its_size_is_inflated_only_that_far_and_refused()
    {
        var workbook = Workbook(PaddedRows(100 * 1024 * 1024), ["kind"]);
        DeclareSize(workbook, "xl/worksheets/sheet1.xml", 4096);
        var allocated = GC.GetAllocatedBytesForCurrentThread();

        var refused = Assert.Throws<FormatException>(() => Upload.Check("plan.xlsx", workbook));

        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        Assert.Contains("not an .xlsx workbook", refused.Message, StringComparison.Ordinal);
        Assert.True(allocated < Spreadsheet.MaxInflatedBytes, $"Refusing the workbook allocated {allocated / 1024 / 1024} MB.");
    }

    [Fact]
    public void A_workbook_whose_parts_together_inflate_past_the_limit_is_refused()
    {
        var strings = Enumerable.Range(0, 1500).Select(i => new string((char)('a' + (i % 26)), 3000)).ToArray();

        var refused = Assert.Throws<FormatException>(() => Upload.Check("plan.xlsx", Workbook(PaddedRows(Spreadsheet.MaxInflatedBytes / 2), strings)));

        Assert.Contains("xl/worksheets/sheet1.xml", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_workbook_with_an_entity_that_expands_is_refused_as_not_a_workbook()
    {
        const string Laughs = """<!DOCTYPE sst [<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">]>""";
        var workbook = Workbook("""<row><c t="s"><v>0</v></c></row>""", ["&f;"], sharedStringsPrologue: Laughs);

        var refused = Assert.Throws<FormatException>(() => Upload.Check("plan.xlsx", workbook));

        Assert.Contains("not an .xlsx workbook", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ZZZZZZZZZ1")]
    [InlineData("XFE1")]
    [InlineData("A")]
    [InlineData("1A")]
    [InlineData("A123456789")]
    [InlineData("Ä1")]
    public void A_cell_reference_that_no_sheet_has_is_refused_naming_it(string reference)
    {
        var workbook = Workbook($"""<row r="1"><c r="{reference}" t="s"><v>0</v></c></row>""", ["kind"]);

        var refused = Assert.Throws<FormatException>(() => Upload.Check("plan.xlsx", workbook));

        Assert.Contains($"'{reference}'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("XFD", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_far_to_the_right_is_refused_naming_its_cell_and_an_empty_formatted_cell_there_is_ignored()
    {
        var header = """<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c><c r="XFD1" s="3"/></row>""";
        string[] strings = ["kind", "type", "start", "end", "description"];

        var refused = Assert.Throws<FormatException>(() => Upload.Check("plan.xlsx", Workbook(header + """<row r="2"><c r="XFD2"><v>1</v></c></row>""", strings)));
        var rows = Upload.Check("plan.xlsx", Workbook(header + DataRow(withReferences: true), strings));

        Assert.Contains("Cell XFD2", refused.Message, StringComparison.Ordinal);
        Assert.Contains("column IV", refused.Message, StringComparison.Ordinal);
        Assert.True(Assert.Single(rows).IsValid);
    }

    [Fact]
    public void Cells_without_a_reference_take_the_column_after_the_cell_before_them()
    {
        var workbook = Workbook(
            """<row><c t="s"><v>0</v></c><c t="s"><v>1</v></c><c t="s"><v>2</v></c><c t="s"><v>3</v></c><c t="s"><v>4</v></c></row>""" + DataRow(withReferences: false),
            ["kind", "type", "start", "end", "description"]);

        var row = Assert.Single(Upload.Check("plan.xlsx", workbook));

        Assert.True(row.IsValid, string.Join("; ", row.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        Assert.Equal(("Planned", "UserSystem", "Head-end release"), (row.Input.Kind, row.Input.Type, row.Input.Description));
        Assert.Equal("2027-03-09T21:00:00+00:00", row.Input.Start);
        Assert.Equal("2027-03-09T23:00:00+00:00", row.Input.End);
    }

    [Fact]
    public void A_sheet_of_more_rows_than_an_upload_takes_is_refused_as_soon_as_it_passes_them()
    {
        var rows = string.Concat(Enumerable.Repeat(DataRow(withReferences: false), PlanUpload.MaxRows + 1));

        var refused = Assert.Throws<FormatException>(() => Upload.Check("plan.xlsx", Workbook("""<row><c t="s"><v>0</v></c></row>""" + rows, ["kind"])));

        Assert.Contains($"upload at most {PlanUpload.MaxRows}", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>A valid plan row: C and D are the Excel dates of 9 March 2027 21:00 and 23:00; the start is given by reference, or left to position.</summary>
    private static string DataRow(bool withReferences) => withReferences
        ? """<row r="2"><c r="A2" t="inlineStr"><is><t>Planned</t></is></c><c r="B2" t="inlineStr"><is><t>UserSystem</t></is></c><c r="C2"><v>46455.875</v></c><c r="D2"><v>46455.958333333336</v></c><c r="E2" t="inlineStr"><is><t>Head-end release</t></is></c></row>"""
        : """<row><c t="inlineStr"><is><t>Planned</t></is></c><c t="inlineStr"><is><t>UserSystem</t></is></c><c><v>46455.875</v></c><c><v>46455.958333333336</v></c><c t="inlineStr"><is><t>Head-end release</t></is></c></row>""";

    /// <summary>Writes a part's uncompressed size, as a hostile zip may, in its local header and in the central directory.</summary>
    private static void DeclareSize(byte[] zip, string part, uint size)
    {
        var name = Encoding.UTF8.GetBytes(part);
        var patched = 0;
        for (var at = 0; at + 46 + name.Length <= zip.Length; at++)
        {
            var signature = BitConverter.ToUInt32(zip, at);
            var (nameAt, sizeAt) = signature switch
            {
                0x04034b50 => (at + 30, at + 22),
                0x02014b50 => (at + 46, at + 24),
                _ => (-1, -1),
            };
            if (nameAt >= 0 && zip.AsSpan(nameAt, name.Length).SequenceEqual(name))
            {
                BitConverter.GetBytes(size).CopyTo(zip, sizeAt);
                patched++;
            }
        }

        Assert.Equal(2, patched);
    }

    /// <summary>About <paramref name="bytes"/> of rows that hold only empty formatted cells, as a hostile or a careless workbook may.</summary>
    private static string PaddedRows(int bytes)
    {
        const string Row = """<row><c s="1"/><c s="1"/><c s="1"/></row>""";
        return new StringBuilder(bytes + Row.Length).Insert(0, Row, bytes / Row.Length).ToString();
    }

    private static byte[] Workbook(string rows, string[] sharedStrings, string sharedStringsPrologue = "")
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string path, string xml)
            {
                using var writer = new StreamWriter(zip.CreateEntry(path, CompressionLevel.SmallestSize).Open());
                writer.Write(xml);
            }

            const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
            Add("xl/workbook.xml", $"""<workbook xmlns="{Main}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Plan" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            Add("xl/_rels/workbook.xml.rels", """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>""");
            Add("xl/sharedStrings.xml", $"""{sharedStringsPrologue}<sst xmlns="{Main}">{string.Concat(sharedStrings.Select(s => $"<si><t>{s}</t></si>"))}</sst>""");
            Add("xl/worksheets/sheet1.xml", $"""<worksheet xmlns="{Main}"><sheetData>{rows}</sheetData></worksheet>""");
        }

        return buffer.ToArray();
    }
}
