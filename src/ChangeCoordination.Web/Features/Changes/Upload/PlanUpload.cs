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
            var cellProblems = errors.Keys.ToHashSet();
            foreach (var (field, messages) in checks.ToDictionary())
            {
                var column = ColumnOf(field);
                if (!cellProblems.Contains(column.Header))
                {
                    PlanRowReader.MessagesOf(errors, column.Header).AddRange(messages.Select(m => InTemplateTerms(field, m)));
                }
            }

            return new PlanRow(i + 2, input, PlanTemplate.Columns.Where(c => errors.ContainsKey(c.Header)).ToDictionary(c => c.Header, c => errors[c.Header].ToArray()));
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
