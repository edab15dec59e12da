using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace ChangeCoordination.Web.Tests.Infrastructure;

/// <summary>Fills the plan template's .xlsx as Excel saves what a person typed, for the upload's round-trip tests.</summary>
public static class ExcelFill
{
    public static Worksheet Sheet(WorkbookPart workbook, string name) =>
        ((WorksheetPart)workbook.GetPartById(workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name).Id!)).Worksheet;

    /// <summary>
    /// Replaces the Plan sheet's example rows with <paramref name="rows"/> as Excel saves a sheet: text in the shared
    /// string table, a date as its serial number in the template's date style.
    /// </summary>
    public static byte[] Plan(byte[] template, object?[][] rows)
    {
        using var buffer = new MemoryStream();
        buffer.Write(template);
        buffer.Position = 0;
        using (var document = SpreadsheetDocument.Open(buffer, isEditable: true))
        {
            var workbook = document.WorkbookPart!;
            var plan = Sheet(workbook, "Plan");
            var dateStyle = plan.Descendants<Cell>().Single(c => c.CellReference == "C2").StyleIndex;
            var strings = (workbook.SharedStringTablePart ?? workbook.AddNewPart<SharedStringTablePart>()).SharedStringTable = new SharedStringTable();
            var data = plan.GetFirstChild<SheetData>()!;
            foreach (var example in data.Elements<Row>().Skip(1).ToList())
            {
                example.Remove();
            }

            for (var r = 0; r < rows.Length; r++)
            {
                var row = new Row { RowIndex = (uint)r + 2 };
                for (var c = 0; c < rows[r].Length; c++)
                {
                    var reference = $"{(char)('A' + c)}{r + 2}";
                    switch (rows[r][c])
                    {
                        case DateTime date:
                            row.Append(new Cell { CellReference = reference, StyleIndex = dateStyle, CellValue = new CellValue(date.ToOADate()) });
                            break;
                        case string text:
                            strings.Append(new SharedStringItem(new Text(text)));
                            row.Append(new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(strings.Count() - 1) });
                            break;
                    }
                }

                data.Append(row);
            }
        }

        return buffer.ToArray();
    }
}
