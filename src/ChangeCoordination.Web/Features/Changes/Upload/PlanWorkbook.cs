using ChangeCoordination.Core;
using ChangeCoordination.Web.Data;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace ChangeCoordination.Web.Features.Changes.Upload;

/// <summary>
/// The .xlsx template as people fill it in Excel: a "Plan" sheet with the header frozen, typed date cells and
/// drop-down lists for the closed columns, and a "Columns" sheet that explains each column.
/// </summary>
public static class PlanWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public const string FileName = "change-coordination-template.xlsx";

    /// <summary>The date cells' number format, a built-in-style pattern every Excel shows the same way.</summary>
    public const string DateFormat = "dd/mm/yyyy hh:mm";

    private const uint DateFormatId = 164;

    /// <summary>Built-in number format 49 is "@": the cell keeps what is typed as text ("0470" stays "0470").</summary>
    private const uint TextFormatId = 49;

    private const uint DateStyle = 1;
    private const uint HeaderStyle = 2;
    private const uint WrapStyle = 3;
    private const uint TextStyle = 4;

    /// <summary>The rows the checks and formats cover: the header and as many rows as one upload takes.</summary>
    private static readonly string LastRow = (PlanUpload.MaxRows + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static readonly string[] ColumnsHeader = ["Column", "What it holds", "Required", "Allowed values", "How to write it"];

    private static readonly double[] ColumnsWidths = [16, 48, 22, 48, 48];

    public static byte[] Write(DateOnly today)
    {
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook(new Sheets());
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            AddSheet(workbook, "Plan", PlanSheet(today));
            AddSheet(workbook, "Columns", ColumnsSheet(today));
        }

        return buffer.ToArray();
    }

    private static void AddSheet(WorkbookPart workbook, string name, Worksheet worksheet)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        part.Worksheet = worksheet;
        var sheets = workbook.Workbook.Sheets!;
        sheets.Append(new Sheet { Name = name, SheetId = (uint)sheets.Count() + 1, Id = workbook.GetIdOfPart(part) });
    }

    private static Worksheet PlanSheet(DateOnly today)
    {
        var data = new SheetData(Row(1, PlanTemplate.Columns.Select(c => Text(c.Header, HeaderStyle))));
        var rowNumber = 2u;
        foreach (var example in PlanTemplate.Examples(today))
        {
            data.Append(Row(rowNumber++,
            [
                Text(example.Kind.ToString()), Text(example.Type.ToString()), Date(example.Start), Date(example.End), Text(example.Description),
                Text(example.DevicesText), Text(example.Smets?.ToString()), Text(example.Manufacturer, TextStyle), Text(example.Model, TextStyle), Text(example.FirmwareVersion, TextStyle),
            ]));
        }

        var firstExample = PlanTemplate.Written(PlanTemplate.Examples(today)[0].Start, PlanFormat.Workbook);
        return new Worksheet(
            FrozenHeader(),
            new Columns(PlanTemplate.Columns.Select((c, i) => new Column
            {
                Min = (uint)i + 1,
                Max = (uint)i + 1,
                Width = c.Width,
                CustomWidth = true,
                Style = c == PlanTemplate.Start || c == PlanTemplate.End ? DateStyle : c == PlanTemplate.Manufacturer || c == PlanTemplate.Model || c == PlanTemplate.FirmwareVersion ? TextStyle : null,
            })),
            data,
            new DataValidations(
                List("A", PlanTemplate.Kind, Enum.GetNames<ChangeKind>(), "Choose Planned or Unplanned from the list."),
                List("B", PlanTemplate.Type, Enum.GetNames<ChangeType>(), "Choose the type from the list; the Columns sheet says what each means."),
                DateCells("C", PlanTemplate.Start, firstExample),
                DateCells("D", PlanTemplate.End, firstExample),
                Length("E", PlanTemplate.Description, ChangeLimits.DescriptionMaxLength),
                Devices(),
                List("G", PlanTemplate.Smets, Enum.GetNames<SmetsGeneration>(), "Choose the devices' SMETS generation."),
                Length("H", PlanTemplate.Manufacturer, ChangeLimits.DeviceTextMaxLength),
                Length("I", PlanTemplate.Model, ChangeLimits.DeviceTextMaxLength),
                Length("J", PlanTemplate.FirmwareVersion, ChangeLimits.DeviceTextMaxLength)));
    }

    private static Worksheet ColumnsSheet(DateOnly today)
    {
        var example = PlanTemplate.Examples(today)[0];
        string Format(PlanColumn column) => column == PlanTemplate.Start || column == PlanTemplate.End
            ? $"A date cell, shown as {DateFormat} (24-hour, London time), for example {PlanTemplate.Written(column == PlanTemplate.Start ? example.Start : example.End, PlanFormat.Workbook)}."
            : column == PlanTemplate.Devices
                ? $"Choose one from the list, or type several separated by {PlanTemplate.DeviceSeparator}, for example {example.DevicesText}."
                : column == PlanTemplate.Kind || column == PlanTemplate.Type || column == PlanTemplate.Smets
                    ? "Choose from the cell's list."
                    : "Type the text.";

        var data = new SheetData(Row(1, ColumnsHeader.Select(h => Text(h, HeaderStyle))));
        var rowNumber = 2u;
        foreach (var column in PlanTemplate.Columns)
        {
            data.Append(Row(rowNumber++, new[] { column.Header, column.What, column.Required, column.Allowed, Format(column) }.Select(t => Text(t, WrapStyle))));
        }

        data.Append(Row(rowNumber + 1, [Text($"Replace the example rows on the Plan sheet with your plan, one change a row, at most {PlanUpload.MaxRows} rows; leave the header as it is. Upload the file on the Change Coordination page 'Upload a plan': every row is checked first, and nothing is sent until you confirm.")]));
        return new Worksheet(
            FrozenHeader(),
            new Columns(ColumnsWidths.Select((width, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = width, CustomWidth = true })),
            data);
    }

    private static SheetViews FrozenHeader() => new(new SheetView(
        new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
        new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
    { WorkbookViewId = 0 });

    private static DataValidation List(string column, PlanColumn plan, IEnumerable<string> values, string prompt) =>
        Check(column, plan, DataValidationValues.List, $"\"{string.Join(',', values)}\"", prompt, $"Choose one of {string.Join(", ", values)} from the list.");

    /// <summary>A warning, not a stop: the list offers one device, and a combination such as ESME;CommsHub is typed.</summary>
    private static DataValidation Devices()
    {
        var validation = List("F", PlanTemplate.Devices, Enum.GetNames<DeviceType>(), $"Choose a device, or type several separated by {PlanTemplate.DeviceSeparator} ({PlanTemplate.CombinationExample}).");
        validation.ErrorStyle = DataValidationErrorStyleValues.Warning;
        validation.Error = $"Devices are {string.Join(", ", Enum.GetNames<DeviceType>())}, several separated by {PlanTemplate.DeviceSeparator}. Keep this value only if it is such a list.";
        return validation;
    }

    private static DataValidation DateCells(string column, PlanColumn plan, string example)
    {
        var validation = Check(column, plan, DataValidationValues.Date, "1", $"A date and time in London time, for example {example}.", $"Type a date and time, for example {example}: the cell shows it as {DateFormat}.");
        validation.Operator = DataValidationOperatorValues.GreaterThanOrEqual;
        return validation;
    }

    private static DataValidation Length(string column, PlanColumn plan, int maxLength)
    {
        var validation = Check(column, plan, DataValidationValues.TextLength, maxLength.ToString(System.Globalization.CultureInfo.InvariantCulture), $"At most {maxLength:N0} characters.", $"Shorten the text to at most {maxLength:N0} characters.");
        validation.Operator = DataValidationOperatorValues.LessThanOrEqual;
        return validation;
    }

    private static DataValidation Check(string column, PlanColumn plan, DataValidationValues type, string formula, string prompt, string error) =>
        new(new Formula1(formula))
        {
            Type = type,
            AllowBlank = true,
            ShowInputMessage = true,
            ShowErrorMessage = true,
            ErrorStyle = DataValidationErrorStyleValues.Stop,
            PromptTitle = plan.Header,
            Prompt = prompt,
            ErrorTitle = plan.Header,
            Error = error,
            SequenceOfReferences = new ListValue<StringValue> { InnerText = $"{column}2:{column}{LastRow}" },
        };

    private static Row Row(uint number, IEnumerable<Cell> cells)
    {
        var row = new Row { RowIndex = number };
        var column = 'A';
        foreach (var cell in cells)
        {
            cell.CellReference = $"{column++}{number}";
            row.Append(cell);
        }

        return row;
    }

    private static Cell Text(string? text, uint style = 0) => text is null
        ? new Cell { StyleIndex = style == 0 ? null : style }
        : new Cell(new InlineString(new Text(text))) { DataType = CellValues.InlineString, StyleIndex = style == 0 ? null : style };

    /// <summary>A typed date cell: Excel's serial number of the London wall-clock time, shown in <see cref="DateFormat"/>.</summary>
    private static Cell Date(DateTime local) => new(new CellValue(local.ToOADate())) { StyleIndex = DateStyle };

    private static Stylesheet Styles() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = DateFormatId, FormatCode = DateFormat }) { Count = 1 },
        new Fonts(Font(bold: false), Font(bold: true)) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
            new CellFormat { NumberFormatId = DateFormatId, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 0, FontId = 1, FillId = 0, BorderId = 0, FormatId = 0, ApplyFont = true },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyAlignment = true },
            new CellFormat { NumberFormatId = TextFormatId, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true })
        { Count = 5 },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });

    private static Font Font(bool bold) => bold
        ? new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" })
        : new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" });
}
