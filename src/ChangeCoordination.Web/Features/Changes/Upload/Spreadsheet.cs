using System.Globalization;
using System.IO.Compression;
using System.Xml.Linq;
using ChangeCoordination.Web.Api;

namespace ChangeCoordination.Web.Features.Changes.Upload;

/// <summary>
/// Reads the rows of an uploaded plan: CSV, or the first sheet of an .xlsx workbook (values only: a cell holding a
/// formula is refused). Throws <see cref="FormatException"/> with a message that says what to fix.
/// </summary>
public static class Spreadsheet
{
    public const int MaxBytes = 1024 * 1024;

    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static readonly XNamespace Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static readonly XNamespace PackageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships";

    public static List<string[]> Read(string fileName, byte[] content)
    {
        if (content.Length > MaxBytes)
        {
            throw new FormatException($"The file is {content.Length / 1024} KB; upload at most {MaxBytes / 1024} KB (about 5,000 rows).");
        }

        return Path.GetExtension(fileName).ToLowerInvariant() switch
        {
            ".csv" => Csv.Parse(DecodeText(content)),
            ".xlsx" => ReadWorkbook(content),
            _ => throw new FormatException("Upload the plan as .csv or .xlsx (the template's format)."),
        };
    }

    private static string DecodeText(byte[] content)
    {
        var text = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true);
        try
        {
            var decoded = text.GetString(content).TrimStart('\uFEFF');
            if (decoded.Any(c => c == '\0'))
            {
                throw new FormatException("This is not a CSV file (it holds binary data): save the plan as CSV or .xlsx.");
            }

            return decoded;
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw new FormatException("This CSV is not UTF-8 text: save it again as CSV UTF-8.");
        }
    }

    private static List<string[]> ReadWorkbook(byte[] content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content), ZipArchiveMode.Read);
            var shared = zip.GetEntry("xl/sharedStrings.xml") is { } sharedEntry
                ? Load(sharedEntry).Root!.Elements(Main + "si").Select(si => string.Concat(si.Descendants(Main + "t").Select(t => t.Value))).ToList()
                : [];
            var sheet = Load(zip.GetEntry(FirstSheetPath(zip)) ?? throw new FormatException("The workbook has no sheet to read."));
            var rows = new List<string[]>();
            foreach (var row in sheet.Descendants(Main + "row"))
            {
                var cells = new SortedDictionary<int, string>();
                foreach (var cell in row.Elements(Main + "c"))
                {
                    var reference = (string?)cell.Attribute("r") ?? "";
                    if (cell.Element(Main + "f") is not null)
                    {
                        throw new FormatException($"Cell {reference} holds a formula: paste values only, then upload again.");
                    }

                    cells[Column(reference)] = Value(cell, shared);
                }

                if (cells.Count > 0)
                {
                    var width = cells.Keys.Max() + 1;
                    rows.Add([.. Enumerable.Range(0, width).Select(i => cells.GetValueOrDefault(i, ""))]);
                }
            }

            return rows;
        }
        catch (Exception exception) when (exception is InvalidDataException or System.Xml.XmlException)
        {
            throw new FormatException("This is not an .xlsx workbook: save the plan as .xlsx or CSV.");
        }
    }

    private static string FirstSheetPath(ZipArchive zip)
    {
        var workbook = Load(zip.GetEntry("xl/workbook.xml") ?? throw new FormatException("This is not an .xlsx workbook: save the plan as .xlsx or CSV."));
        var id = (string?)workbook.Descendants(Main + "sheet").FirstOrDefault()?.Attribute(Relationships + "id");
        var rels = zip.GetEntry("xl/_rels/workbook.xml.rels") is { } relsEntry ? Load(relsEntry) : null;
        var target = (string?)rels?.Root?.Elements(PackageRelationships + "Relationship").FirstOrDefault(r => (string?)r.Attribute("Id") == id)?.Attribute("Target");
        return target is null ? "xl/worksheets/sheet1.xml" : target.StartsWith('/') ? target.TrimStart('/') : "xl/" + target;
    }

    private static XDocument Load(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        return XDocument.Load(stream);
    }

    private static string Value(XElement cell, List<string> shared)
    {
        var value = (string?)cell.Element(Main + "v") ?? "";
        return (string?)cell.Attribute("t") switch
        {
            "s" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < shared.Count => shared[index],
            "inlineStr" => string.Concat(cell.Descendants(Main + "t").Select(t => t.Value)),
            _ => value,
        };
    }

    private static int Column(string reference)
    {
        var column = 0;
        foreach (var c in reference.TakeWhile(char.IsLetter))
        {
            column = (column * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
        }

        return column - 1;
    }
}
