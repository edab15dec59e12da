using System.Globalization;
using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Web.Api;
using ChangeCoordination.Web.Features.Calendar;
using ChangeCoordination.Web.Identity;

namespace ChangeCoordination.Web.Features.Changes.Upload;

/// <summary>One row of an uploaded plan: what it would notify, or what is wrong with it, by column.</summary>
public sealed record PlanRow(int Row, ChangeInput Input, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Bulk notification from the spreadsheet template: every row is checked first with the same rules as the wizard
/// and the API; nothing is written until the User confirms, and then only the valid rows.
/// </summary>
public sealed class PlanUpload(ChangeService changes, RuleBook rules, TimeProvider clock)
{
    public const int MaxRows = 500;

    public static readonly string[] Columns = ["kind", "type", "start", "end", "description", "devices", "smets", "manufacturer", "model", "firmwareVersion"];

    private static readonly string[] DateFormats = ["yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm", "dd/MM/yyyy HH:mm", "d/M/yyyy HH:mm", "yyyy-MM-dd HH:mm:ss", "dd/MM/yyyy HH:mm:ss"];

    /// <summary>The template, with one example row, for download.</summary>
    public static string Template() => Csv.Write(Columns,
    [
        ["Planned", "Firmware", "2027-03-09 20:00", "2027-03-09 23:30", "Firmware 4.2 to ESME in batches of 5,000", "ESME;CommsHub", "SMETS2", "Acme", "E470", "4.2.0"],
    ]);

    /// <summary>Every row checked; throws <see cref="FormatException"/> when the file is not the template.</summary>
    public IReadOnlyList<PlanRow> Check(string fileName, byte[] content)
    {
        var rows = Spreadsheet.Read(fileName, content, MaxRows);
        if (rows.Count < 2)
        {
            throw new FormatException($"The file has no rows under a header. Use the template's columns: {string.Join(", ", Columns)}.");
        }

        var header = rows[0].Select(h => h.Trim()).ToList();
        var index = Columns.ToDictionary(c => c, c => header.FindIndex(h => string.Equals(h, c, StringComparison.OrdinalIgnoreCase)));
        var missing = index.Where(i => i.Value < 0 && i.Key is "kind" or "type" or "start" or "end").Select(i => i.Key).ToList();
        if (missing.Count > 0)
        {
            throw new FormatException($"The header lacks {string.Join(", ", missing)}. Use the template's columns: {string.Join(", ", Columns)}.");
        }

        if (rows.Count - 1 > MaxRows)
        {
            throw new FormatException($"The file has {rows.Count - 1} rows; upload at most {MaxRows} at a time.");
        }

        var now = clock.GetUtcNow();
        return [.. rows.Skip(1).Select((cells, i) =>
        {
            string? Cell(string column) => index[column] is >= 0 and var at && at < cells.Length && cells[at].Trim() is { Length: > 0 } value ? value : null;
            var devices = Cell("devices");
            var input = new ChangeInput(
                Cell("kind"),
                Cell("type"),
                Instant(Cell("start")),
                Instant(Cell("end")),
                Cell("description"),
                devices is null ? null : [new DeviceCombinationInput(devices.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), Cell("smets"), Cell("manufacturer"), Cell("model"), Cell("firmwareVersion"))]);
            var errors = new FieldErrors();
            ChangeValidator.Validate(input, now, rules, errors, isNew: true);
            return new PlanRow(i + 2, input, errors.ToDictionary().ToDictionary(e => e.Key.Replace("deviceCombinations[0].", "", StringComparison.Ordinal), e => e.Value));
        })];
    }

    /// <summary>Notifies the valid rows, each as one change; answers the references made.</summary>
    public async Task<IReadOnlyList<string>> ConfirmAsync(Caller caller, IReadOnlyList<PlanRow> rows, CancellationToken cancellationToken)
    {
        var references = new List<string>();
        foreach (var row in rows.Where(r => r.IsValid))
        {
            var outcome = await changes.NotifyAsync(caller, row.Input, cancellationToken);
            if (outcome.Value is { } created)
            {
                references.Add(created.Reference);
            }
        }

        return references;
    }

    /// <summary>ISO 8601 with an offset stays as it is; a UK wall-clock time or an Excel date number becomes one.</summary>
    private static string? Instant(string? cell)
    {
        if (cell is null || cell.Contains('+', StringComparison.Ordinal) || cell.EndsWith('Z'))
        {
            return cell;
        }

        DateTime local;
        if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 1 and < 2958465)
        {
            local = DateTime.FromOADate(serial);
        }
        else if (!DateTime.TryParseExact(cell, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out local))
        {
            return cell;
        }

        return LondonTime.At(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }
}
