using System.Globalization;
using System.IO.Compression;
using System.Xml;
using System.Xml.Linq;
using ChangeCoordination.Web.Api;

namespace ChangeCoordination.Web.Features.Changes.Upload;

/// <summary>
/// Reads the rows of an uploaded plan: CSV, or the first sheet of an .xlsx workbook (values only: a cell holding a
/// formula is refused). Throws <see cref="FormatException"/> with a message that says what to fix.
/// </summary>
/// <remarks>
/// A workbook is a zip: a 1 MB file can inflate to a gigabyte. What its parts inflate to is added up before each is
/// opened and refused past <see cref="MaxInflatedBytes"/>; the sheet is read as a stream and refused as soon as it
/// holds more rows than asked for, so no hostile workbook costs more memory than a legitimate one could.
/// </remarks>
public static class Spreadsheet
{
    public const int MaxBytes = 1024 * 1024;

    /// <summary>
    /// All the parts of one workbook together, inflated. The largest legitimate plan, 500 rows each with a
    /// 4,000-character description, is about 2.5 MB of XML (6 MB if every character were outside ASCII).
    /// </summary>
    public const int MaxInflatedBytes = 8 * 1024 * 1024;

    /// <summary>The last column read (IV, the 256th): the template's columns are A to J.</summary>
    public const int MaxColumns = 256;

    /// <summary>Excel's own last column, XFD: a reference beyond it is not a cell of any sheet.</summary>
    private const int ExcelColumns = 16384;

    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static readonly XNamespace Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static readonly XNamespace PackageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships";

    /// <summary>No DTD (so no entity expands), no resolver (so nothing outside the file is fetched).</summary>
    private static readonly XmlReaderSettings XmlSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    /// <summary>The rows, the header first; a workbook is refused as soon as it has more than <paramref name="maxRows"/> under the header.</summary>
    public static List<string[]> Read(string fileName, byte[] content, int maxRows)
    {
        if (content.Length > MaxBytes)
        {
            throw new FormatException($"The file is {content.Length / 1024} KB; upload at most {MaxBytes / 1024} KB (about 5,000 rows).");
        }

        return Path.GetExtension(fileName).ToLowerInvariant() switch
        {
            ".csv" => Csv.Parse(Csv.Decode(content)),
            ".xlsx" => ReadWorkbook(content, maxRows),
            _ => throw new FormatException("Upload the plan as .csv or .xlsx (the template's format)."),
        };
    }

    private static List<string[]> ReadWorkbook(byte[] content, int maxRows)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content), ZipArchiveMode.Read);
            var budget = new InflationBudget();
            var shared = zip.GetEntry("xl/sharedStrings.xml") is { } sharedEntry ? SharedStrings(sharedEntry, budget) : [];
            var sheet = zip.GetEntry(FirstSheetPath(zip, budget)) ?? throw new FormatException("The workbook has no sheet to read.");
            return Rows(sheet, shared, budget, maxRows);
        }
        catch (Exception exception) when (exception is InvalidDataException or XmlException)
        {
            throw new FormatException("This is not an .xlsx workbook: save the plan as .xlsx or CSV.");
        }
    }

    private static string FirstSheetPath(ZipArchive zip, InflationBudget budget)
    {
        var workbook = Load(zip.GetEntry("xl/workbook.xml") ?? throw new FormatException("This is not an .xlsx workbook: save the plan as .xlsx or CSV."), budget);
        var id = (string?)workbook.Descendants(Main + "sheet").FirstOrDefault()?.Attribute(Relationships + "id");
        var rels = zip.GetEntry("xl/_rels/workbook.xml.rels") is { } relsEntry ? Load(relsEntry, budget) : null;
        var target = (string?)rels?.Root?.Elements(PackageRelationships + "Relationship").FirstOrDefault(r => (string?)r.Attribute("Id") == id)?.Attribute("Target");
        return target is null ? "xl/worksheets/sheet1.xml" : target.StartsWith('/') ? target.TrimStart('/') : "xl/" + target;
    }

    private static XDocument Load(ZipArchiveEntry entry, InflationBudget budget)
    {
        using var reader = XmlReader.Create(budget.Open(entry), XmlSettings);
        return XDocument.Load(reader);
    }

    /// <summary>Each shared string's text: its runs' <c>t</c>, without the phonetic guides (<c>rPh</c>) Excel keeps beside them.</summary>
    private static List<string> SharedStrings(ZipArchiveEntry entry, InflationBudget budget)
    {
        var strings = new List<string>();
        using var reader = XmlReader.Create(budget.Open(entry), XmlSettings);
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "si" && reader.NamespaceURI == Main.NamespaceName)
            {
                var si = (XElement)XNode.ReadFrom(reader);
                strings.Add(string.Concat(si.Descendants(Main + "t").Where(t => t.Parent?.Name != Main + "rPh").Select(t => t.Value)));
            }
            else
            {
                reader.Read();
            }
        }

        return strings;
    }

    /// <summary>
    /// The sheet's rows, each cell at its column: by its <c>r</c> reference, or, where the optional <c>r</c> is left
    /// out, just after the cell before it (rows likewise), as the file format says.
    /// </summary>
    private static List<string[]> Rows(ZipArchiveEntry entry, List<string> shared, InflationBudget budget, int maxRows)
    {
        var rows = new List<string[]>();
        var cells = new SortedDictionary<int, string>();
        var rowNumber = 0;
        var next = 0;
        using var reader = XmlReader.Create(budget.Open(entry), XmlSettings);
        while (!reader.EOF)
        {
            if (reader.NamespaceURI != Main.NamespaceName || reader.NodeType is not (XmlNodeType.Element or XmlNodeType.EndElement))
            {
                reader.Read();
                continue;
            }

            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "c")
            {
                var cell = (XElement)XNode.ReadFrom(reader);
                var reference = (string?)cell.Attribute("r");
                var column = reference is null ? next : Column(reference);
                next = column + 1;
                var name = reference ?? $"{ColumnName(column)}{rowNumber}";
                if (cell.Element(Main + "f") is not null)
                {
                    throw new FormatException($"Cell {name} holds a formula: paste values only, then upload again.");
                }

                if (Value(cell, shared) is { Length: > 0 } value)
                {
                    if (column >= MaxColumns)
                    {
                        throw new FormatException($"Cell {name} holds a value beyond column {ColumnName(MaxColumns - 1)}, the last this upload reads: the template's columns are A to J, so clear what lies to the right of them.");
                    }

                    cells[column] = value;
                }

                continue;
            }

            if (reader.LocalName == "row")
            {
                var empty = reader.NodeType == XmlNodeType.Element && reader.IsEmptyElement;
                if (reader.NodeType == XmlNodeType.Element)
                {
                    rowNumber = int.TryParse(reader.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : rowNumber + 1;
                    next = 0;
                    cells.Clear();
                }

                if (empty || reader.NodeType == XmlNodeType.EndElement)
                {
                    if (cells.Count > 0)
                    {
                        var width = cells.Keys.Max() + 1;
                        rows.Add([.. Enumerable.Range(0, width).Select(i => cells.GetValueOrDefault(i, ""))]);
                    }

                    if (rows.Count - 1 > maxRows)
                    {
                        throw new FormatException($"The sheet has more than {maxRows} rows under its header; upload at most {maxRows} at a time.");
                    }
                }
            }

            reader.Read();
        }

        return rows;
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

    /// <summary>The zero-based column of a reference such as <c>B7</c>: one to three letters up to XFD, then a row number.</summary>
    private static int Column(string reference)
    {
        var letters = 0;
        var column = 0;
        while (letters < reference.Length && letters <= 3 && char.IsAsciiLetter(reference[letters]))
        {
            column = (column * 26) + (char.ToUpperInvariant(reference[letters]) - 'A' + 1);
            letters++;
        }

        var row = reference.AsSpan(letters);
        if (letters is 0 or > 3 || column > ExcelColumns || row.IsEmpty || row.Length > 7 || row.ContainsAnyExceptInRange('0', '9'))
        {
            throw new FormatException($"The sheet names a cell '{(reference.Length > 20 ? reference[..20] + "…" : reference)}', which no sheet has (columns A to XFD, then the row number): save the plan again from the template.");
        }

        return column - 1;
    }

    private static string ColumnName(int column)
    {
        var name = "";
        for (var n = column + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    /// <summary>
    /// Adds up the inflated sizes of the parts opened from one workbook, and refuses the part that takes the sum past
    /// the limit before inflating it. The sizes are the ones the zip declares: <see cref="ZipArchive"/> never inflates an
    /// entry past its declared size (one that understates it reads cut short, so as broken XML), so they bound what is
    /// inflated.
    /// </summary>
    private sealed class InflationBudget
    {
        private long inflated;

        public Stream Open(ZipArchiveEntry entry)
        {
            inflated += entry.Length;
            return inflated > MaxInflatedBytes
                ? throw new FormatException($"The workbook inflates past {MaxInflatedBytes / 1024 / 1024} MB at its part {entry.FullName}: this upload unpacks at most {MaxInflatedBytes / 1024 / 1024} MB from one workbook, and a plan of 500 rows needs far less. Save the plan again from the template, or upload it as CSV.")
                : entry.Open();
        }
    }
}
