using System.Globalization;
using System.Text.RegularExpressions;
using ChangeCoordination.Core.Operations;
using ChangeCoordination.Web.Api;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace ChangeCoordination.Web.Features.Operations;

/// <summary>A row of the business process to SRV table as sent: every field a string or number the server checks.</summary>
public sealed record VariantRuleInput(string? Srv, string? Process, int? TargetSeconds, string? Name);

public sealed record VariantRuleResponse(string Srv, BusinessProcess Process, int TargetSeconds, string Name);

/// <summary>The table as it stands: its revision (also the ETag) and its rows in SRV order.</summary>
public sealed record VariantTableResponse(int Revision, IReadOnlyList<VariantRuleResponse> Variants);

/// <summary>
/// The business process to SRV table in memory, which the import and the report read: loaded at start and again after
/// every committed replacement.
/// </summary>
public sealed class VariantBook
{
    private volatile Snapshot current = new(0, new VariantRules(ServiceRequestVariants.Defaults));

    public VariantRules Rules => current.Rules;

    public int Revision => current.Revision;

    public VariantTableResponse Table
    {
        get
        {
            var snapshot = current;
            return new VariantTableResponse(snapshot.Revision, [.. snapshot.Rules.All.Select(ToResponse)]);
        }
    }

    /// <summary>Fills an empty table with the defaults of seed 004 as docs/operations.md reads it.</summary>
    public static async Task EnsureSeededAsync(ChangeCoordinationDb db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await db.VariantTables.AnyAsync(cancellationToken))
        {
            return;
        }

        db.VariantTables.Add(new VariantTable { Revision = 1, UpdatedAt = now, UpdatedBy = AuditTrail.System });
        db.VariantRules.AddRange(ServiceRequestVariants.Defaults.Select(v => new VariantRuleRow
        {
            Srv = v.Srv,
            Process = v.Process,
            TargetSeconds = (int)v.TargetResponseTime.TotalSeconds,
            Name = v.Name,
        }));
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task LoadAsync(ChangeCoordinationDb db, CancellationToken cancellationToken)
    {
        var table = await db.VariantTables.AsNoTracking().SingleAsync(cancellationToken);
        var rows = await db.VariantRules.AsNoTracking().ToListAsync(cancellationToken);
        current = new Snapshot(table.Revision, new VariantRules(rows
            .OrderBy(r => r.Process)
            .ThenBy(r => r.Srv, SrvOrder.Instance)
            .Select(r => new VariantRule(r.Srv, r.Process, TimeSpan.FromSeconds(r.TargetSeconds), r.Name))));
    }

    private static VariantRuleResponse ToResponse(VariantRule rule) =>
        new(rule.Srv, rule.Process, (int)rule.TargetResponseTime.TotalSeconds, rule.Name);

    private sealed record Snapshot(int Revision, VariantRules Rules);

    /// <summary>SRV codes in their numeric order (8.7.1 before 8.11), event codes after them.</summary>
    private sealed class SrvOrder : IComparer<string>
    {
        public static SrvOrder Instance { get; } = new();

        public int Compare(string? x, string? y)
        {
            var a = (x ?? "").Split('.');
            var b = (y ?? "").Split('.');
            for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
            {
                var numeric = int.TryParse(a[i], NumberStyles.None, CultureInfo.InvariantCulture, out var m) & int.TryParse(b[i], NumberStyles.None, CultureInfo.InvariantCulture, out var n);
                var order = numeric ? m.CompareTo(n) : string.CompareOrdinal(a[i], b[i]);
                if (order != 0)
                {
                    return order;
                }
            }

            return a.Length.CompareTo(b.Length);
        }
    }
}

/// <summary>Replaces the business process to SRV table as a whole (DCC Managers, the Site Owner), then reloads the book.</summary>
public sealed partial class VariantTableEditor(IDbContextFactory<ChangeCoordinationDb> dbFactory, VariantBook book, TimeProvider clock, AuditTrail audit, Live.LiveBus bus)
{
    /// <summary>The codes that are not DUIS SRVs but DCC-side events the report measures (seed 004).</summary>
    public static readonly IReadOnlySet<string> EventCodes = new HashSet<string>(["CHF", "ALERT"], StringComparer.OrdinalIgnoreCase);

    public static readonly int MaxTargetSeconds = (int)VariantLimits.MaxTarget.TotalSeconds;

    public async Task<Outcome<VariantTableResponse>> ReplaceAsync(Caller caller, int? ifMatch, IReadOnlyList<VariantRuleInput?> inputs, CancellationToken cancellationToken)
    {
        if (ifMatch is null)
        {
            return Outcome.PreconditionRequired<VariantTableResponse>();
        }

        var (rows, errors) = Check(inputs);
        if (errors.Any)
        {
            return Outcome.Invalid<VariantTableResponse>(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var table = await db.VariantTables.SingleAsync(cancellationToken);
        if (ifMatch != table.Revision)
        {
            return Outcome.Stale<VariantTableResponse>(table.Revision);
        }

        var stored = await db.VariantRules.ToDictionaryAsync(r => r.Srv, StringComparer.Ordinal, cancellationToken);
        var wanted = rows.ToDictionary(r => r.Srv, StringComparer.Ordinal);
        db.VariantRules.RemoveRange(stored.Values.Where(r => !wanted.ContainsKey(r.Srv)));
        foreach (var row in rows)
        {
            if (stored.TryGetValue(row.Srv, out var old))
            {
                (old.Process, old.TargetSeconds, old.Name) = (row.Process, row.TargetSeconds, row.Name);
            }
            else
            {
                db.VariantRules.Add(row);
            }
        }

        table.Revision++;
        (table.UpdatedAt, table.UpdatedBy) = (clock.GetUtcNow(), caller.Email);
        var added = rows.Count(r => !stored.ContainsKey(r.Srv));
        var removed = stored.Keys.Count(k => !wanted.ContainsKey(k));
        audit.Record(db, caller, "variant-table.replaced",
            string.Create(CultureInfo.InvariantCulture, $"revision {table.Revision}: {rows.Count} variants ({added} added, {removed} removed)"));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome.Stale<VariantTableResponse>(table.Revision - 1);
        }

        await book.LoadAsync(db, cancellationToken);
        bus.Announce(new Live.LiveNews(Live.LiveNewsKind.Variants));
        return Outcome.Done(book.Table);
    }

    /// <summary>Every row checked; errors are keyed <c>[index].field</c> as the JSON array's items.</summary>
    public static (List<VariantRuleRow> Rows, FieldErrors Errors) Check(IReadOnlyList<VariantRuleInput?> inputs)
    {
        var errors = new FieldErrors();
        var rows = new List<VariantRuleRow>();
        if (inputs.Count == 0)
        {
            errors.Add("$", "The table is empty: send every variant the report measures, at least one (GET the table, edit it and send it back whole).");
        }
        else if (inputs.Count > VariantLimits.MaxRows)
        {
            errors.Add("$", $"The table has {inputs.Count} rows; it may have at most {VariantLimits.MaxRows}.");
        }

        var firstAt = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < inputs.Count && inputs.Count <= VariantLimits.MaxRows; i++)
        {
            var rowErrors = new FieldErrors();
            if (inputs[i] is not { } input)
            {
                errors.Add($"[{i}]", $"Row {i} is null: send an object {{ srv, process, targetSeconds, name }} or leave the row out.");
                continue;
            }

            var srv = CheckSrv(input.Srv, rowErrors);
            if (srv is not null && !firstAt.TryAdd(srv, i))
            {
                rowErrors.Add("srv", $"'{srv}' is already in row {firstAt[srv]}: each SRV appears once, so remove one of the two rows or change its code.");
            }

            var process = InputParsing.Enum<BusinessProcess>(input.Process, "process", rowErrors);
            if (input.TargetSeconds is not { } seconds)
            {
                rowErrors.Add("targetSeconds", $"'targetSeconds' is required: the Target Response Time in seconds, from 1 to {MaxTargetSeconds} (7 days), for example 30 or 86400 (24 h).");
            }
            else if (seconds < VariantLimits.MinTarget.TotalSeconds || seconds > MaxTargetSeconds)
            {
                rowErrors.Add("targetSeconds", $"{seconds} s is outside the allowed targets: give from 1 to {MaxTargetSeconds} seconds (7 days).");
            }

            var name = InputParsing.Text(input.Name, "name", VariantLimits.NameMaxLength, rowErrors, "'name' is required: what the variant does, for example 'Commission Device'.");
            errors.AddAll($"[{i}]", rowErrors);
            if (!rowErrors.Any)
            {
                rows.Add(new VariantRuleRow { Srv = srv!, Process = process!.Value, TargetSeconds = input.TargetSeconds!.Value, Name = name! });
            }
        }

        return (rows, errors);
    }

    private static string? CheckSrv(string? value, FieldErrors errors)
    {
        var srv = value?.Trim();
        if (string.IsNullOrEmpty(srv))
        {
            errors.Add("srv", "'srv' is required: the service request variant's code, digits and dots such as 8.1.1.");
            return null;
        }

        if (EventCodes.Contains(srv))
        {
            return srv.ToUpperInvariant();
        }

        if (srv.Length > VariantLimits.SrvMaxLength)
        {
            errors.Add("srv", $"'srv' is {srv.Length} characters long; an SRV code has at most {VariantLimits.SrvMaxLength}: shorten it.");
            return null;
        }

        if (!SrvPattern().IsMatch(srv))
        {
            errors.Add("srv", $"'{srv}' is not an SRV code: write digits separated by single dots, such as 8.1.1 (or {string.Join(" or ", EventCodes.Order(StringComparer.Ordinal))} for the DCC-side events).");
            return null;
        }

        return srv;
    }

    [GeneratedRegex(@"^[0-9]+(\.[0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SrvPattern();
}

public static class VariantTableEndpoints
{
    public static IEndpointRouteBuilder MapVariantTableEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/operations/variants").WithTags("Operations");

        group.MapGet("/", (HttpContext context, VariantBook book) =>
        {
            var table = book.Table;
            return Revisions.WithETag(Results.Ok(table), table.Revision, context);
        })
        .RequireAuthorization(Policies.DccStaff)
        .Produces<VariantTableResponse>()
        .WithSummary("The business process to SRV table the report measures with: each variant's process and Target Response Time; the ETag is its revision.");

        group.MapPut("/", async (HttpContext context, VariantTableEditor editor) =>
        {
            var (input, problem) = await JsonBody.ReadAsync<List<VariantRuleInput?>>(context.Request);
            return problem ?? (await editor.ReplaceAsync(CallerBinding.Require(context), Revisions.IfMatch(context.Request), input!, context.RequestAborted))
                .ToResult(context, t => t.Revision, _ => "/api/v1/operations/variants", "variant table");
        })
        .RequireAuthorization(Policies.ManagerOrOwner)
        .Accepts<List<VariantRuleInput>>("application/json")
        .Produces<VariantTableResponse>()
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status412PreconditionFailed)
        .ProducesProblem(StatusCodes.Status428PreconditionRequired)
        .WithSummary("Replace the whole business process to SRV table (a JSON array of { srv, process, targetSeconds, name }) with If-Match: its revision; any bad row writes nothing.");

        return app;
    }
}
