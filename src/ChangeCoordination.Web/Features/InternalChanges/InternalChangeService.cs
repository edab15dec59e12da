using ChangeCoordination.Core;
using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Core.Maintenance;
using ChangeCoordination.Core.Risk;
using ChangeCoordination.Web.Api;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Features.Calendar;
using ChangeCoordination.Web.Features.Changes;
using ChangeCoordination.Web.Identity;
using ChangeCoordination.Web.Live;
using ChangeCoordination.Web.Observability;
using Microsoft.EntityFrameworkCore;

namespace ChangeCoordination.Web.Features.InternalChanges;

/// <summary>The DCC's own changes (the Forward Schedule of Change): entered by assessors, read by everyone signed in.</summary>
public sealed class InternalChangeService(
    IDbContextFactory<ChangeCoordinationDb> dbFactory,
    RuleBook rules,
    RiskLedger ledger,
    TimeProvider clock,
    AuditTrail audit,
    RevisionedWriter writer,
    AppMetrics metrics)
{
    public Task<Outcome<InternalChangeResponse>> CreateAsync(Caller caller, InternalChangeInput input, CancellationToken cancellationToken) =>
        metrics.MeasureWriteAsync("internal-change.created", () => CreateOnceAsync(caller, input, cancellationToken));

    /// <summary>Creates every row in one transaction, or none: each bad row's fields are named as rows[N].field.</summary>
    public Task<Outcome<IReadOnlyList<InternalChangeResponse>>> ImportAsync(Caller caller, IReadOnlyList<InternalChangeInput> rows, CancellationToken cancellationToken) =>
        metrics.MeasureWriteAsync("internal-change.imported", () => ImportOnceAsync(caller, rows, cancellationToken));

    private async Task<Outcome<InternalChangeResponse>> CreateOnceAsync(Caller caller, InternalChangeInput input, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var now = clock.GetUtcNow();
        var change = new InternalChange { Reference = ChangeReferences.Pending(), Title = "", UpdatedBy = caller.Email, CreatedAt = now, UpdatedAt = now, Revision = 1 };
        if (!TryApply(change, input, errors, now))
        {
            return Outcome.Invalid<InternalChangeResponse>(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.InternalChanges.Add(change);
        await db.SaveChangesAsync(cancellationToken);
        change.Reference = ChangeReferences.Internal(change.Id);
        audit.Record(db, caller, "internal-change.created", change.Reference);
        await db.SaveChangesAsync(cancellationToken);
        var move = ledger.Prepare(change);
        await transaction.CommitAsync(cancellationToken);
        ledger.Record(move);
        return Outcome.Created(ToResponse(change, await ScheduleAsync(db, change.Start, change.End, cancellationToken)));
    }

    private async Task<Outcome<IReadOnlyList<InternalChangeResponse>>> ImportOnceAsync(Caller caller, IReadOnlyList<InternalChangeInput> rows, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var now = clock.GetUtcNow();
        var changes = new List<InternalChange>();
        for (var i = 0; i < rows.Count; i++)
        {
            var rowErrors = new FieldErrors();
            var change = new InternalChange { Reference = ChangeReferences.Pending(), Title = "", UpdatedBy = caller.Email, CreatedAt = now, UpdatedAt = now, Revision = 1 };
            if (TryApply(change, rows[i], rowErrors, now))
            {
                changes.Add(change);
            }
            else
            {
                errors.AddAll($"rows[{i + 1}]", rowErrors);
            }
        }

        if (errors.Any)
        {
            return Outcome.Invalid<IReadOnlyList<InternalChangeResponse>>(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.InternalChanges.AddRange(changes);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var change in changes)
        {
            change.Reference = ChangeReferences.Internal(change.Id);
        }

        audit.Record(db, caller, "internal-change.imported", ChangeText.Plural(changes.Count, "change"));
        await db.SaveChangesAsync(cancellationToken);
        var moves = changes.Select(ledger.Prepare).ToList();
        await transaction.CommitAsync(cancellationToken);
        foreach (var move in moves)
        {
            ledger.Record(move);
        }

        var schedule = changes.Count == 0 ? [] : await ScheduleAsync(db, changes.Min(c => c.Start), changes.Max(c => c.End), cancellationToken);
        return Outcome.Created<IReadOnlyList<InternalChangeResponse>>([.. changes.Select(c => ToResponse(c, schedule))]);
    }

    public Task<Outcome<InternalChangeResponse>> UpdateAsync(Caller caller, string reference, int? ifMatch, InternalChangeInput input, CancellationToken cancellationToken) =>
        WriteAsync(caller, reference, ifMatch, requireIfMatch: true, "internal-change.updated", (change, errors) =>
        {
            if (change.Status == InternalChangeStatus.Cancelled)
            {
                return "A cancelled internal change cannot be updated: enter a new one.";
            }

            TryApply(change, input, errors, clock.GetUtcNow());
            return null;
        }, cancellationToken);

    public Task<Outcome<InternalChangeResponse>> CancelAsync(Caller caller, string reference, int? ifMatch, CancellationToken cancellationToken) =>
        WriteAsync(caller, reference, ifMatch, requireIfMatch: false, "internal-change.cancelled", (change, _) =>
        {
            if (change.Status == InternalChangeStatus.Cancelled)
            {
                return "This internal change is already cancelled.";
            }

            change.Status = InternalChangeStatus.Cancelled;
            return null;
        }, cancellationToken);

    public async Task<InternalChangeResponse?> GetAsync(string reference, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var change = await db.InternalChanges.AsNoTracking().SingleOrDefaultAsync(c => c.Reference == reference, cancellationToken);
        return change is null ? null : ToResponse(change, await ScheduleAsync(db, change.Start, change.End, cancellationToken));
    }

    public async Task<IReadOnlyList<InternalChangeResponse>> ListAsync(DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.InternalChanges.AsNoTracking();
        if (from is { } f)
        {
            var fromInstant = LondonTime.StartOf(f);
            query = query.Where(c => c.End > fromInstant);
        }

        if (to is { } t)
        {
            var toInstant = LondonTime.StartOf(t.AddDays(1));
            query = query.Where(c => c.Start < toInstant);
        }

        var rows = await query.OrderBy(c => c.Start).ThenBy(c => c.Id).ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return [];
        }

        var schedule = await ScheduleAsync(db, rows.Min(r => r.Start), rows.Max(r => r.End), cancellationToken);
        return [.. rows.Select(r => ToResponse(r, schedule))];
    }

    /// <summary>Every scheduled Planned Maintenance entry in the London months that [from, to) touches.</summary>
    private static async Task<IReadOnlyCollection<MaintenanceWindow>> ScheduleAsync(ChangeCoordinationDb db, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var first = LondonTime.DateOf(from);
        var last = LondonTime.DateOf(to);
        var monthStart = LondonTime.StartOf(new DateOnly(first.Year, first.Month, 1));
        var monthEnd = LondonTime.StartOf(new DateOnly(last.Year, last.Month, 1).AddMonths(1));
        var rows = await db.InternalChanges.AsNoTracking()
            .Where(c => c.PlannedMaintenance && c.Status == InternalChangeStatus.Scheduled && c.Start < monthEnd && c.End > monthStart)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(Maintenance)];
    }

    private static MaintenanceWindow Maintenance(InternalChange change) =>
        new(new OutageWindow(change.Start, change.End), change.Services.Contains(DccService.SelfServiceInterface), LondonTime.DateOf(change.CreatedAt));

    private InternalChangeResponse ToResponse(InternalChange change, IReadOnlyCollection<MaintenanceWindow> schedule) => new(
        change.Reference,
        change.Title,
        change.Services,
        change.PlannedMaintenance,
        LondonTime.ToLondon(change.Start),
        LondonTime.ToLondon(change.End),
        (int)(change.End - change.Start).TotalMinutes,
        change.ImpactScore,
        change.ProbabilityScore,
        change.ImpactScore * change.ProbabilityScore,
        RiskRules.InternalRiskOf(change.ImpactScore, change.ProbabilityScore, rules.Timeline.For(LondonTime.DateOf(change.Start))),
        change.Status.ToString(),
        change.Revision,
        LondonTime.ToLondon(change.UpdatedAt),
        change.PlannedMaintenance && change.Status == InternalChangeStatus.Scheduled
            ? [.. PlannedMaintenanceRules.Check(Maintenance(change), schedule, rules.Calendar).Select(w => new MaintenanceWarningResponse(w.Rule, w.Message))]
            : []);

    private bool TryApply(InternalChange change, InternalChangeInput input, FieldErrors errors, DateTimeOffset now)
    {
        var title = InputParsing.Text(input.Title, "title", ChangeLimits.TitleMaxLength, errors, "Give the change a title, for example 'Firewall rule update on the DSP'.");
        var services = new List<DccService>();
        if (input.Services is not { Count: > 0 })
        {
            errors.Add("services", $"Name at least one DCC service it touches: {InputParsing.Choices<DccService>()}.");
        }
        else
        {
            for (var i = 0; i < input.Services.Count; i++)
            {
                if (InputParsing.Enum<DccService>(input.Services[i], $"services[{i}]", errors) is { } service && !services.Contains(service))
                {
                    services.Add(service);
                }
            }
        }

        if (input.PlannedMaintenance is null)
        {
            errors.Add("plannedMaintenance", "Say whether this is Planned Maintenance: true or false.");
        }

        var start = InputParsing.Instant(input.Start, "start", errors);
        var end = InputParsing.Instant(input.End, "end", errors);
        if (start is { } s && end is { } e && rules.Horizon.CheckStart(s, "start", now, errors))
        {
            if (e <= s)
            {
                errors.Add("end", ChangeValidator.EndBeforeStart(s, e));
            }
            else if (e - s > ChangeLimits.MaxWindow)
            {
                errors.Add("end", $"An outage window may be at most {ChangeLimits.MaxWindow.TotalDays} days long: split it.");
            }
        }

        Score(input.ImpactScore, "impactScore", errors);
        Score(input.ProbabilityScore, "probabilityScore", errors);
        if (errors.Any)
        {
            return false;
        }

        change.Title = title!;
        change.Services = services;
        change.PlannedMaintenance = input.PlannedMaintenance!.Value;
        change.Start = start!.Value;
        change.End = end!.Value;
        change.ImpactScore = input.ImpactScore!.Value;
        change.ProbabilityScore = input.ProbabilityScore!.Value;
        return true;
    }

    private static void Score(int? value, string field, FieldErrors errors)
    {
        if (value is not (>= RiskRules.MinScore and <= RiskRules.MaxScore))
        {
            errors.Add(field, $"'{field}' is a whole number from {RiskRules.MinScore} to {RiskRules.MaxScore} (the change impact assessment score).");
        }
    }

    /// <summary>A write of one internal change through the <see cref="RevisionedWriter"/>; the ledger moves its days once it committed.</summary>
    private Task<Outcome<InternalChangeResponse>> WriteAsync(
        Caller caller,
        string reference,
        int? ifMatch,
        bool requireIfMatch,
        string action,
        Func<InternalChange, FieldErrors, string?> write,
        CancellationToken cancellationToken) =>
        writer.WriteAsync(action, caller, ifMatch, new RevisionedWrite<InternalChange, InternalChangeResponse>(
            (db, token) => db.InternalChanges.SingleOrDefaultAsync(c => c.Reference == reference, token),
            change => change.Reference,
            write,
            async (db, change, token) => ToResponse(change, await ScheduleAsync(db, change.Start, change.End, token)))
        {
            RequireIfMatch = requireIfMatch,
            Prepare = change =>
            {
                change.UpdatedAt = clock.GetUtcNow();
                change.UpdatedBy = caller.Email;
                var move = ledger.Prepare(change);
                return () => ledger.Record(move);
            },
        }, cancellationToken);
}
