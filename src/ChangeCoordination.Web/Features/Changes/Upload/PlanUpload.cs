using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Web.Api;
using ChangeCoordination.Web.Features.Calendar;
using ChangeCoordination.Web.Identity;
using ChangeCoordination.Web.Observability;

namespace ChangeCoordination.Web.Features.Changes.Upload;

/// <summary>One row of an uploaded plan: what it would notify, or what is wrong with it, by column.</summary>
public sealed record PlanRow(int Row, ChangeInput Input, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>What confirming a plan did: the references made, in row order; or none (null) and the rows saying what is wrong.</summary>
public sealed record PlanConfirmation(IReadOnlyList<string>? References, IReadOnlyList<PlanRow> Rows);

/// <summary>
/// Bulk notification from the spreadsheet template: every row is checked first with the same rules as the wizard
/// and the API; nothing is written until the User confirms, and then the valid rows together, in one transaction.
/// </summary>
public sealed class PlanUpload(ChangeService changes, RuleBook rules, TimeProvider clock, AppMetrics metrics)
{
    public const int MaxRows = 500;

    /// <summary>How plans' rows are counted in <c>cc.import.rows</c>.</summary>
    public const string RowsSource = "plan";

    /// <summary>Every row checked; throws <see cref="FormatException"/> when the file is not the template.</summary>
    public IReadOnlyList<PlanRow> Check(string fileName, byte[] content)
    {
        var rows = Spreadsheet.Read(fileName, content, MaxRows);
        if (rows.Count < 2)
        {
            throw new FormatException($"The file has no rows under a header. Use the template's columns: {PlanTemplate.Headers}.");
        }

        var header = rows[0].Select(h => h.Trim()).ToList();
        var index = PlanTemplate.Columns.ToDictionary(c => c, c => header.FindIndex(c.Matches));
        var missing = PlanTemplate.RequiredHeaders.Where(c => index[c] < 0).Select(c => c.Header).ToList();
        if (missing.Count > 0)
        {
            throw new FormatException($"The header lacks {string.Join(", ", missing)}. Use the template's columns: {PlanTemplate.Headers}.");
        }

        if (rows.Count - 1 > MaxRows)
        {
            throw new FormatException($"The file has {rows.Count - 1} rows; upload at most {MaxRows} at a time.");
        }

        var now = clock.GetUtcNow();
        var today = LondonTime.DateOf(now);
        var format = string.Equals(Path.GetExtension(fileName), ".xlsx", StringComparison.OrdinalIgnoreCase) ? PlanFormat.Workbook : PlanFormat.Csv;
        var reader = new PlanRowReader(format, PlanTemplate.Examples(today)[0].Start, rules.Horizon.Starts(today));
        return [.. rows.Skip(1).Select((cells, i) =>
        {
            var (input, errors) = reader.Read(column => index[column] is >= 0 and var at && at < cells.Length && cells[at].Trim() is { Length: > 0 } value ? value : null);
            var checks = new FieldErrors();
            ChangeValidator.Validate(input, now, rules, checks, isNew: true);
            return RowOf(i + 2, input, errors, checks);
        })];
    }

    /// <summary>
    /// Notifies the valid rows together, in one transaction: all of them, or none when one no longer passes the checks
    /// (the clock moved on since the file was checked), and then the rows say again what is wrong.
    /// </summary>
    public async Task<PlanConfirmation> ConfirmAsync(Caller caller, IReadOnlyList<PlanRow> rows, CancellationToken cancellationToken)
    {
        var valid = rows.Where(r => r.IsValid).ToList();
        var notified = await changes.NotifyManyAsync(caller, [.. valid.Select(r => r.Input)], cancellationToken);
        if (notified.Invalid.Count == 0)
        {
            metrics.RowsImported(RowsSource, notified.Created.Count, rows.Count - valid.Count);
            return new PlanConfirmation([.. notified.Created.Select(c => c.Reference)], rows);
        }

        metrics.RowsImported(RowsSource, 0, rows.Count);

        var refused = notified.Invalid.ToDictionary(e => valid[e.Key].Row, e => e.Value);
        return new PlanConfirmation(null, [.. rows.Select(r => refused.TryGetValue(r.Row, out var checks) ? RowOf(r.Row, r.Input, [], checks) : r)]);
    }

    /// <summary>A row with the problems of its cells and, for the columns whose cells were fine, the validator's in the template's terms.</summary>
    private static PlanRow RowOf(int row, ChangeInput input, Dictionary<string, List<string>> errors, FieldErrors checks)
    {
        var cellProblems = errors.Keys.ToHashSet();
        foreach (var (field, messages) in checks.ToDictionary())
        {
            var column = ColumnOf(field);
            if (!cellProblems.Contains(column.Header))
            {
                PlanRowReader.MessagesOf(errors, column.Header).AddRange(messages.Select(m => InTemplateTerms(field, m)));
            }
        }

        return new PlanRow(row, input, PlanTemplate.Columns.Where(c => errors.ContainsKey(c.Header)).ToDictionary(c => c.Header, c => errors[c.Header].ToArray()));
    }

    /// <summary>
    /// The template's column for a field the validator names: <c>deviceCombinations[0].firmwareVersion</c> is
    /// "Firmware version", the list of combinations itself is "Devices".
    /// </summary>
    private static PlanColumn ColumnOf(string field)
    {
        var name = field[(field.LastIndexOf('.') + 1)..];
        name = name.Contains('[', StringComparison.Ordinal) ? name[..name.IndexOf('[', StringComparison.Ordinal)] : name;
        return name == "deviceCombinations" ? PlanTemplate.Devices : PlanTemplate.Columns.First(c => c.Matches(name));
    }

    /// <summary>
    /// The validator's words where they speak of the API's body: the cells have already been checked one by one, so
    /// what remains are the rules across cells, and only the device-combination rule names a field of the body.
    /// </summary>
    private static string InTemplateTerms(string field, string message) => field == "deviceCombinations"
        ? $"A planned firmware deployment names the devices it targets: write them in {PlanTemplate.Devices.Header} (for example {PlanTemplate.CombinationExample}) and their generation in {PlanTemplate.Smets.Header}."
        : message;
}
