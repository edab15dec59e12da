using System.Globalization;
using ChangeCoordination.Core;
using ChangeCoordination.Core.Operations;
using ChangeCoordination.Web.Api;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Features.Calendar;
using ChangeCoordination.Web.Identity;
using Microsoft.EntityFrameworkCore;
using ChangeCoordination.Web.Features.Changes;
using ChangeCoordination.Web.Observability;

namespace ChangeCoordination.Web.Features.Operations;

/// <summary>
/// Imports the TOC's operational exports, from the API's JSON arrays or from CSV files: every row is checked first
/// and a file with any bad row writes nothing. Service requests are kept once (a request id already stored is left
/// as it is); outages and incidents are replaced by a later import of the same reference.
/// </summary>
public sealed class OperationsImport(IDbContextFactory<ChangeCoordinationDb> dbFactory, TimeProvider clock, AuditTrail audit, VariantBook variants, PlanningHorizon horizon, AppMetrics metrics)
{
    public const int MaxRows = 50_000;
    public const int MaxCsvBytes = 8 * 1024 * 1024;
    public const int ProblemsShown = 100;

    private const int TextMax = 200;

    /// <summary>Rows numbered as a JSON array's indexes.</summary>
    public static int ArrayIndex(int i) => i;

    /// <summary>Rows numbered as a CSV file's lines: the header is line 1.</summary>
    public static int FileLine(int i) => i + 2;

    public Task<ImportOutcome> ImportAsync(Caller caller, IReadOnlyList<ServiceRequestInput> inputs, Func<int, int> rowOf, CancellationToken cancellationToken, Action<int, FieldErrors>? cellErrors = null) =>
        CheckedAsync(caller, OperationalKind.ServiceRequests, inputs, rowOf, cellErrors, (input, errors, now) => ToRow(input, errors, now, variants.Rules), r => r.RequestId, "requestId", WriteRequestsAsync, cancellationToken);

    public Task<ImportOutcome> ImportAsync(Caller caller, IReadOnlyList<OutageInput> inputs, Func<int, int> rowOf, CancellationToken cancellationToken, Action<int, FieldErrors>? cellErrors = null) =>
        CheckedAsync(caller, OperationalKind.Outages, inputs, rowOf, cellErrors, ToRow, r => r.Reference, "reference", WriteOutagesAsync, cancellationToken);

    public Task<ImportOutcome> ImportAsync(Caller caller, IReadOnlyList<IncidentInput> inputs, Func<int, int> rowOf, CancellationToken cancellationToken, Action<int, FieldErrors>? cellErrors = null) =>
        CheckedAsync(caller, OperationalKind.Incidents, inputs, rowOf, cellErrors, ToRow, r => r.Reference, "reference", WriteIncidentsAsync, cancellationToken);

    /// <summary>A CSV file of one kind; throws <see cref="FormatException"/> when the file is not that kind's template.</summary>
    public Task<ImportOutcome> ImportCsvAsync(Caller caller, OperationalKind kind, string text, CancellationToken cancellationToken)
    {
        var rows = Csv.Parse(text.TrimStart('\uFEFF'));
        if (rows.Count < 2)
        {
            throw new FormatException($"The file has no rows under a header. Use the template's columns: {string.Join(", ", OperationalKinds.Columns(kind))}.");
        }

        var header = rows[0].Select(h => h.Trim()).ToList();
        var index = OperationalKinds.Columns(kind).ToDictionary(c => c, c => header.FindIndex(h => string.Equals(h, c, StringComparison.OrdinalIgnoreCase)));
        var missing = OperationalKinds.RequiredColumns(kind).Where(c => index[c] < 0).ToList();
        if (missing.Count > 0)
        {
            throw new FormatException($"The header lacks {string.Join(", ", missing)}. Use the template's columns: {string.Join(", ", OperationalKinds.Columns(kind))}.");
        }

        if (rows.Count - 1 > MaxRows)
        {
            throw new FormatException($"The file has {rows.Count - 1} rows; import at most {MaxRows:N0} at a time (split the file by day).");
        }

        var cells = rows.Skip(1).Select(row => (Func<string, string?>)(column =>
            index[column] is >= 0 and var at && at < row.Length && row[at].Trim() is { Length: > 0 } value ? value : null)).ToList();
        return kind switch
        {
            OperationalKind.ServiceRequests => ImportAsync(
                caller,
                [.. cells.Select(c => new ServiceRequestInput(c("requestId"), c("srv"), c("smets"), c("region"), c("received"), c("responded"), c("outcomeCode"), c("alertCode")))],
                FileLine,
                cancellationToken),
            OperationalKind.Outages => ImportAsync(
                caller,
                [.. cells.Select(c => new OutageInput(c("reference"), c("services")?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), c("subSystem"), c("region"), c("start"), c("end"), YesNo(c("planned")) ?? false))],
                FileLine,
                cancellationToken,
                (i, errors) =>
                {
                    if (cells[i]("planned") is { } cell && YesNo(cell) is null)
                    {
                        errors.Add("planned", $"'{cell}' is not yes or no: write yes for Planned Maintenance, no (or leave it empty) for an unplanned outage.");
                    }
                }),
            _ => ImportAsync(
                caller,
                [.. cells.Select(c => new IncidentInput(c("reference"), Whole(c("category")), c("summary"), c("opened"), c("responded"), c("resolved"), c("responsibleParty")))],
                FileLine,
                cancellationToken,
                (i, errors) =>
                {
                    if (cells[i]("category") is { } cell && Whole(cell) is null)
                    {
                        errors.Add("category", $"'{cell}' is not a category: write a whole number from 1 (most severe) to 5.");
                    }
                }),
        };
    }

    private static int? Whole(string? cell) =>
        int.TryParse(cell, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static bool? YesNo(string? cell) => cell?.ToLowerInvariant() switch
    {
        null => false,
        "yes" or "y" or "true" or "1" or "planned" => true,
        "no" or "n" or "false" or "0" or "unplanned" => false,
        _ => null,
    };

    private async Task<ImportOutcome> CheckedAsync<TInput, TRow>(
        Caller caller,
        OperationalKind kind,
        IReadOnlyList<TInput> inputs,
        Func<int, int> rowOf,
        Action<int, FieldErrors>? cellErrors,
        Func<TInput, FieldErrors, DateTimeOffset, TRow?> validate,
        Func<TRow, string> keyOf,
        string keyField,
        Func<ChangeCoordinationDb, IReadOnlyList<TRow>, CancellationToken, Task<(int Added, int Updated, int Unchanged)>> writeAsync,
        CancellationToken cancellationToken)
        where TRow : class
    {
        if (inputs.Count > MaxRows)
        {
            var tooMany = new FieldErrors();
            tooMany.Add("$", $"{inputs.Count} rows: send at most {MaxRows:N0} at a time.");
            return new ImportOutcome(null, [new RowProblem(rowOf(0), tooMany.ToDictionary().AsReadOnly())], 1);
        }

        var now = clock.GetUtcNow();
        var problems = new List<RowProblem>();
        var problemRows = 0;
        var valid = new List<TRow>();
        var firstRowOf = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < inputs.Count; i++)
        {
            var errors = new FieldErrors();
            cellErrors?.Invoke(i, errors);
            if (validate(inputs[i], errors, now) is { } row && !errors.Any)
            {
                if (firstRowOf.TryGetValue(keyOf(row), out var earlier))
                {
                    errors.Add(keyField, $"'{keyOf(row)}' is already on row {earlier}: each {keyField} may appear once in an import.");
                }
                else
                {
                    firstRowOf[keyOf(row)] = rowOf(i);
                    valid.Add(row);
                }
            }

            if (errors.Any)
            {
                problemRows++;
                if (problems.Count < ProblemsShown)
                {
                    problems.Add(new RowProblem(rowOf(i), errors.ToDictionary().AsReadOnly()));
                }
            }
        }

        if (problemRows > 0 || inputs.Count == 0)
        {
            if (inputs.Count == 0)
            {
                var empty = new FieldErrors();
                empty.Add("$", "There are no rows: send at least one.");
                problems.Add(new RowProblem(rowOf(0), empty.ToDictionary().AsReadOnly()));
                problemRows = 1;
            }

            metrics.RowsImported(OperationalKinds.Route(kind), imported: 0, refused: inputs.Count);
            return new ImportOutcome(null, problems, problemRows);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (added, updated, unchanged) = await writeAsync(db, valid, cancellationToken);
        audit.Record(db, caller, "operations.imported", $"{OperationalKinds.Route(kind)}: {ChangeText.Plural(inputs.Count, "row")}, {added} added, {updated} updated, {unchanged} unchanged");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        metrics.RowsImported(OperationalKinds.Route(kind), imported: inputs.Count, refused: 0);
        return new ImportOutcome(new ImportResult(OperationalKinds.Route(kind), inputs.Count, added, updated, unchanged), [], 0);
    }

    private static async Task<(int, int, int)> WriteRequestsAsync(ChangeCoordinationDb db, IReadOnlyList<ServiceRequestRow> rows, CancellationToken cancellationToken)
    {
        var ids = rows.Select(r => r.RequestId).ToList();
        var known = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var chunk in ids.Chunk(5_000))
        {
            known.UnionWith(await db.ServiceRequests.Where(r => chunk.Contains(r.RequestId)).Select(r => r.RequestId).ToListAsync(cancellationToken));
        }

        var fresh = rows.Where(r => !known.Contains(r.RequestId)).ToList();
        await ServiceRequestBulk.InsertAsync(db, fresh, cancellationToken);
        return (fresh.Count, 0, rows.Count - fresh.Count);
    }

    private static async Task<(int, int, int)> WriteOutagesAsync(ChangeCoordinationDb db, IReadOnlyList<OutageRow> rows, CancellationToken cancellationToken)
    {
        var references = rows.Select(r => r.Reference).ToList();
        var stored = await db.Outages.Where(o => references.Contains(o.Reference)).ToDictionaryAsync(o => o.Reference, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var (added, updated, unchanged) = (0, 0, 0);
        foreach (var row in rows)
        {
            if (!stored.TryGetValue(row.Reference, out var old))
            {
                db.Outages.Add(row);
                added++;
            }
            else if (old.Services.SequenceEqual(row.Services) && old.SubSystem == row.SubSystem && old.Region == row.Region && old.Start == row.Start && old.End == row.End && old.Planned == row.Planned)
            {
                unchanged++;
            }
            else
            {
                (old.Services, old.SubSystem, old.Region, old.Start, old.End, old.Planned, old.ImportedAt) = (row.Services, row.SubSystem, row.Region, row.Start, row.End, row.Planned, row.ImportedAt);
                updated++;
            }
        }

        return (added, updated, unchanged);
    }

    private static async Task<(int, int, int)> WriteIncidentsAsync(ChangeCoordinationDb db, IReadOnlyList<IncidentRow> rows, CancellationToken cancellationToken)
    {
        var references = rows.Select(r => r.Reference).ToList();
        var stored = await db.Incidents.Where(i => references.Contains(i.Reference)).ToDictionaryAsync(i => i.Reference, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var (added, updated, unchanged) = (0, 0, 0);
        foreach (var row in rows)
        {
            if (!stored.TryGetValue(row.Reference, out var old))
            {
                db.Incidents.Add(row);
                added++;
            }
            else if (old.Category == row.Category && old.Summary == row.Summary && old.Opened == row.Opened && old.Responded == row.Responded && old.Resolved == row.Resolved && old.ResponsibleParty == row.ResponsibleParty)
            {
                unchanged++;
            }
            else
            {
                (old.Category, old.Summary, old.Opened, old.Responded, old.Resolved, old.ResponsibleParty, old.ImportedAt) = (row.Category, row.Summary, row.Opened, row.Responded, row.Resolved, row.ResponsibleParty, row.ImportedAt);
                updated++;
            }
        }

        return (added, updated, unchanged);
    }

    private ServiceRequestRow? ToRow(ServiceRequestInput input, FieldErrors errors, DateTimeOffset now, VariantRules rules)
    {
        var requestId = InputParsing.Text(input.RequestId, "requestId", 64, errors, "'requestId' is required: the DCC's id of the request, so that importing a file twice counts it once.");
        var srv = InputParsing.Text(input.Srv, "srv", VariantLimits.SrvMaxLength, errors, $"'srv' is required: the service request variant, one of {Variants(rules)}.");
        if (srv is not null && rules.Find(srv) is null)
        {
            errors.Add("srv", $"'{srv}' is not a variant the report measures: use one of {Variants(rules)}, or add it to the business process to SRV table on /operations/variants.");
        }

        var smets = InputParsing.Enum<SmetsGeneration>(input.Smets, "smets", errors);
        var region = InputParsing.Enum<CspRegion>(input.Region, "region", errors);
        var received = Dated(input.Received, "received", errors, now);
        var responded = Dated(input.Responded, "responded", errors, now);
        if (received is { } r && responded is { } s && s < r)
        {
            errors.Add("responded", "'responded' is before 'received': the response time is when the DCC sent the service response, after it received the request.");
        }

        var outcome = InputParsing.Text(input.OutcomeCode, "outcomeCode", 16, errors, "'outcomeCode' is required: the service response code, for example I0 for success or E201 for a communications failure.");
        var alert = InputParsing.Text(input.AlertCode, "alertCode", 16, errors);
        return errors.Any ? null : new ServiceRequestRow
        {
            RequestId = requestId!,
            Srv = rules.Find(srv!)!.Srv,
            Smets = smets!.Value,
            Region = region!.Value,
            Received = received!.Value,
            Responded = responded!.Value,
            OutcomeCode = outcome!.ToUpperInvariant(),
            AlertCode = alert?.ToUpperInvariant(),
            ImportedAt = now,
        };
    }

    private OutageRow? ToRow(OutageInput input, FieldErrors errors, DateTimeOffset now)
    {
        var reference = InputParsing.Text(input.Reference, "reference", 40, errors, "'reference' is required: the TOC's outage reference, so that a later import updates the outage.");
        var services = new List<DccService>();
        if (input.Services is not { Count: > 0 })
        {
            errors.Add("services", $"'services' is required: the DCC services the outage took down, one or more of {InputParsing.Choices<DccService>()} (separated by ; in a CSV file).");
        }
        else
        {
            foreach (var name in input.Services)
            {
                if (InputParsing.Enum<DccService>(name, "services", errors) is { } service && !services.Contains(service))
                {
                    services.Add(service);
                }
            }
        }

        var subSystem = InputParsing.Text(input.SubSystem, "subSystem", 100, errors, "'subSystem' is required: the sub-system that failed, for example 'DSP adapter'.");
        var region = InputParsing.Enum<CspRegion>(input.Region, "region", errors, required: false);
        var start = Dated(input.Start, "start", errors, now);
        var end = Dated(input.End, "end", errors, now);
        if (start is { } s && end is { } e && e <= s)
        {
            errors.Add("end", "'end' is not after 'start': the outage ends when the service was restored.");
        }

        return errors.Any ? null : new OutageRow
        {
            Reference = reference!,
            Services = services,
            SubSystem = subSystem!,
            Region = region,
            Start = start!.Value,
            End = end!.Value,
            Planned = input.Planned ?? false,
            ImportedAt = now,
        };
    }

    private IncidentRow? ToRow(IncidentInput input, FieldErrors errors, DateTimeOffset now)
    {
        var reference = InputParsing.Text(input.Reference, "reference", 40, errors, "'reference' is required: the incident's reference, so that a later import updates it.");
        if (!errors.Has("category") && input.Category is not (>= 1 and <= 5))
        {
            errors.Add("category", input.Category is null
                ? "'category' is required: the incident category, 1 (most severe) to 5."
                : "'category' must be a whole number from 1 (most severe) to 5.");
        }

        var summary = InputParsing.Text(input.Summary, "summary", TextMax, errors);
        var opened = Dated(input.Opened, "opened", errors, now);
        var responded = string.IsNullOrWhiteSpace(input.Responded) ? null : Dated(input.Responded, "responded", errors, now);
        var resolved = string.IsNullOrWhiteSpace(input.Resolved) ? null : Dated(input.Resolved, "resolved", errors, now);
        if (opened is { } o && responded < o)
        {
            errors.Add("responded", "'responded' is before 'opened': the initial response comes after the incident is raised.");
        }

        if (opened is { } p && resolved < p)
        {
            errors.Add("resolved", "'resolved' is before 'opened': an incident is resolved after it is raised.");
        }

        var party = InputParsing.Enum<ResponsibleParty>(input.ResponsibleParty, "responsibleParty", errors);
        return errors.Any ? null : new IncidentRow
        {
            Reference = reference!,
            Category = input.Category!.Value,
            Summary = summary,
            Opened = opened!.Value,
            Responded = responded,
            Resolved = resolved,
            ResponsibleParty = party!.Value,
            ImportedAt = now,
        };
    }

    /// <summary>An instant of what happened, inside the planning horizon (a history import reaches as far back as updates do).</summary>
    private DateTimeOffset? Dated(string? value, string field, FieldErrors errors, DateTimeOffset now) =>
        InputParsing.Instant(value, field, errors) is { } instant && horizon.CheckStart(instant, field, now, errors) ? instant : null;

    private static string Variants(VariantRules rules) => string.Join(", ", rules.All.Select(v => v.Srv));
}
