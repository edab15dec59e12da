using System.Text.Json;
using ChangeCoordination.Core;
using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Core.Risk;
using ChangeCoordination.Web.Api;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Features;
using ChangeCoordination.Web.Features.Calendar;
using ChangeCoordination.Web.Features.Notifications;
using ChangeCoordination.Web.Features.Reviews;
using ChangeCoordination.Web.Identity;
using ChangeCoordination.Web.Live;
using ChangeCoordination.Web.Observability;
using Microsoft.EntityFrameworkCore;

namespace ChangeCoordination.Web.Features.Changes;

/// <summary>
/// Every read and write of DCC User changes: one short-lived context per operation, one transaction per write,
/// a new revision per write, the audit trail, then the risk ledger.
/// </summary>
public sealed class ChangeService(
    IDbContextFactory<ChangeCoordinationDb> dbFactory,
    RuleBook rules,
    RiskLedger ledger,
    TimeProvider clock,
    AuditTrail audit,
    NotificationService notifications,
    FieldProtection protection,
    RevisionedWriter writer,
    AppMetrics metrics)
{
    public Task<Outcome<ChangeResponse>> NotifyAsync(Caller caller, ChangeInput input, CancellationToken cancellationToken) =>
        metrics.MeasureWriteAsync("change.notified", () => NotifyOnceAsync(caller, input, cancellationToken));

    private async Task<Outcome<ChangeResponse>> NotifyOnceAsync(Caller caller, ChangeInput input, CancellationToken cancellationToken)
    {
        var notified = await NotifyManyAsync(caller, [input], cancellationToken);
        return notified.Invalid.TryGetValue(0, out var errors)
            ? Outcome.Invalid<ChangeResponse>(errors)
            : Outcome.Created(notified.Created[0]);
    }

    /// <summary>
    /// Notifies many changes of the caller's organisation at once (a whole plan): every input is checked first and,
    /// if any fails, nothing is written. Otherwise one transaction writes them all, and the ledger moves their days
    /// as one write, so that each day that moved is published once.
    /// </summary>
    public async Task<NotifiedChanges> NotifyManyAsync(Caller caller, IReadOnlyList<ChangeInput> inputs, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var drafts = new List<ChangeDraft>(inputs.Count);
        var invalid = new SortedDictionary<int, FieldErrors>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var errors = new FieldErrors();
            if (ChangeValidator.Validate(inputs[i], now, rules, errors, isNew: true) is { } draft)
            {
                drafts.Add(draft);
            }
            else
            {
                invalid[i] = errors;
            }
        }

        if (invalid.Count > 0 || drafts.Count == 0)
        {
            return new NotifiedChanges([], invalid);
        }

        protection.EnsureKey();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changes = drafts.Select(draft =>
        {
            var change = new Change
            {
                Reference = ChangeReferences.Pending(),
                OrganisationId = caller.OrganisationId,
                Status = ChangeStatus.AwaitingAssessment,
                NotifiedAt = now,
                NotifiedBy = caller.Email,
                WindowNotifiedAt = now,
                UpdatedAt = now,
                Revision = 1,
            };
            Apply(change, draft);
            return change;
        }).ToList();

        // The changes' own rows first, so that each has its id (and from it its reference) before its revision row
        // names it; then every revision and audit row in one more save.
        db.Changes.AddRange(changes);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var change in changes)
        {
            change.Reference = ChangeReferences.External(change.Id);
            AddRevision(db, change, RevisionAction.Notified, caller.Email, now);
            audit.Record(db, caller, "change.notified", change.Reference);
        }

        await db.SaveChangesAsync(cancellationToken);
        var moves = changes.Select(ledger.Prepare).ToList();
        await transaction.CommitAsync(cancellationToken);
        ledger.Record(moves);
        return new NotifiedChanges([.. changes.Select(c => ToResponse(c, caller.OrganisationName, ChangeVisibility.Full))], invalid);
    }

    public async Task<Outcome<ChangeResponse>> UpdateAsync(Caller caller, string reference, int? ifMatch, ChangeInput input, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return await WriteAsync("change.updated", RevisionAction.Updated, caller, reference, ifMatch, ownerOnly: true, (change, errors) =>
        {
            if (change.ArchivedAt is not null)
            {
                return ArchivedRefusal("updated");
            }

            if (change.Status is ChangeStatus.Cancelled)
            {
                return "A cancelled change cannot be updated: notify a new change instead.";
            }

            if (ChangeValidator.Validate(input, now, rules, errors, isNew: false) is not { } draft)
            {
                return null;
            }

            var reopens = draft.Type != change.Type || draft.Start != change.Start || draft.End != change.End
                || !draft.DeviceCombinations.SequenceEqual(change.DeviceCombinations, DeviceCombinationComparer.Instance);
            if (draft.Start != change.Start || draft.End != change.End)
            {
                change.WindowNotifiedAt = now;
            }

            Apply(change, draft);
            if (reopens)
            {
                change.Status = ChangeStatus.AwaitingAssessment;
                change.Probability = null;
                change.AssessmentRationale = null;
                change.AssessedAt = null;
                change.AssessedBy = null;
            }

            return null;
        }, cancellationToken);
    }

    public Task<Outcome<ChangeResponse>> CancelAsync(Caller caller, string reference, int? ifMatch, CancellationInput input, CancellationToken cancellationToken) =>
        WriteAsync("change.cancelled", RevisionAction.Cancelled, caller, reference, ifMatch, ownerOnly: true, (change, errors) =>
        {
            if (change.ArchivedAt is not null)
            {
                return ArchivedRefusal("cancelled");
            }

            if (change.Status == ChangeStatus.Cancelled)
            {
                return "This change is already cancelled.";
            }

            var reason = InputParsing.Text(input.Reason, "reason", ChangeLimits.RationaleMaxLength, errors);
            if (!errors.Any)
            {
                change.Status = ChangeStatus.Cancelled;
                change.CancellationReason = reason;
            }

            return null;
        }, cancellationToken, requireIfMatch: false);

    /// <summary>
    /// Assesses a change; the owning organisation's DCC Users are told the outcome, and the advice the assessor had,
    /// when there was any, is recorded with it as followed or overruled.
    /// </summary>
    public async Task<Outcome<ChangeResponse>> AssessAsync(Caller caller, string reference, int? ifMatch, AssessmentInput input, AdviceGiven? advice, CancellationToken cancellationToken)
    {
        var outcome = await AssessOnlyAsync(caller, reference, ifMatch, input, advice, cancellationToken);
        if (outcome is { Kind: OutcomeKind.Ok, Value: { } assessed })
        {
            await notifications.NotifyChangeOwnersAsync(
                assessed.Reference,
                $"{assessed.Reference} was assessed {assessed.Probability}: risk {assessed.Risk}.",
                $"changes/{assessed.Reference}",
                cancellationToken);
        }

        return outcome;
    }

    private Task<Outcome<ChangeResponse>> AssessOnlyAsync(Caller caller, string reference, int? ifMatch, AssessmentInput input, AdviceGiven? advice, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        (string Action, string Subject)? againstAdvice = null;
        return WriteAsync("change.assessed", RevisionAction.Assessed, caller, reference, ifMatch, ownerOnly: false, (change, errors) =>
        {
            if (change.Status is ChangeStatus.Cancelled or ChangeStatus.Archived)
            {
                return $"A {change.Status.ToString().ToLowerInvariant()} change cannot be assessed.";
            }

            var probability = InputParsing.Enum<Probability>(input.Probability, "probability", errors);
            var rationale = InputParsing.Text(input.Rationale, "rationale", ChangeLimits.RationaleMaxLength, errors, "Give a rationale: one or two sentences on why this probability, for the User and for the record.");
            if (errors.Any)
            {
                return null;
            }

            change.Probability = probability;
            change.AssessmentRationale = rationale;
            change.AssessedAt = now;
            change.AssessedBy = caller.Email;
            change.Status = ChangeStatus.Assessed;
            againstAdvice = advice is null ? null : AgainstAdvice(change.Reference, probability!.Value, advice);
            return null;
        }, cancellationToken, also: (db, _) =>
        {
            if (againstAdvice is { } recorded)
            {
                audit.Record(db, caller, recorded.Action, recorded.Subject);
            }
        });
    }

    /// <summary>"CHG-00012: assessed Highly likely; advised Unlikely (3 of 20 similar went wrong)", as followed or overruled.</summary>
    private static (string Action, string Subject) AgainstAdvice(string reference, Probability chosen, AdviceGiven advice) =>
        (chosen == advice.Suggested ? "assessment.advice.followed" : "assessment.advice.overruled",
            $"{reference}: assessed {ChangeText.Probability(chosen)}; advised {ChangeText.Probability(advice.Suggested)} ({advice.WentWrong} of {advice.Similar} similar went wrong)");

    /// <summary>Records (or corrects) what happened to the caller's organisation's change, once its window has ended.</summary>
    public Task<Outcome<ChangeResponse>> ReviewAsync(Caller caller, string reference, int? ifMatch, ReviewInput input, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return WriteAsync("change.reviewed", RevisionAction.Reviewed, caller, reference, ifMatch, ownerOnly: true, (change, errors) =>
        {
            if (change.ArchivedAt is not null)
            {
                return ArchivedRefusal("reviewed");
            }

            if (ReviewRules.Refusal(change, now) is { } refusal)
            {
                return refusal;
            }

            ReviewRules.Record(change, input, caller.Email, now, errors);
            return null;
        }, cancellationToken);
    }

    /// <summary>When a change was disposed of, if it was: its tombstone is all that is left.</summary>
    public async Task<DateTimeOffset?> DisposedAtAsync(string reference, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.DisposedChanges.AsNoTracking()
            .Where(d => d.Reference == reference)
            .Select(d => (DateTimeOffset?)d.DisposedAt)
            .SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<ChangeResponse?> GetAsync(Caller caller, string reference, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await db.Changes.AsNoTracking()
            .Where(c => c.Reference == reference)
            .Select(c => new { Change = c, Organisation = c.Organisation!.Name })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null || caller.VisibilityOf(found.Change.OrganisationId) == ChangeVisibility.WindowOnly)
        {
            return null;
        }

        var visibility = caller.VisibilityOf(found.Change.OrganisationId);
        await AuditReadAsync(db, caller, visibility, [found.Change.Reference], cancellationToken);
        return ToResponse(found.Change, found.Organisation, visibility);
    }

    public async Task<IReadOnlyList<ChangeResponse>> ListAsync(Caller caller, DateOnly? from, DateOnly? to, ChangeStatus? status, bool awaitingReview, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Changes.AsNoTracking();
        if (caller.IsDccUser)
        {
            query = query.Where(c => c.OrganisationId == caller.OrganisationId);
        }

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

        if (status is { } s)
        {
            query = query.Where(c => c.Status == s);
        }

        if (awaitingReview)
        {
            query = query.Where(ReviewRules.Awaiting(clock.GetUtcNow()));
        }

        var rows = await query
            .OrderBy(c => c.Start).ThenBy(c => c.Id)
            .Select(c => new { Change = c, Organisation = c.Organisation!.Name })
            .ToListAsync(cancellationToken);
        var visible = rows.Select(r => (r.Change, r.Organisation, Visibility: caller.VisibilityOf(r.Change.OrganisationId))).ToList();
        await AuditReadAsync(db, caller, caller.StaffVisibility, visible.Where(v => v.Visibility == ChangeVisibility.Full).Select(v => v.Change.Reference), cancellationToken);
        return [.. visible.Select(v => ToResponse(v.Change, v.Organisation, v.Visibility))];
    }

    /// <summary>
    /// Every current change whose window overlaps [from, to), each as the caller may see it: another
    /// organisation's change is a <see cref="WindowOnlyChange"/> for a DCC User. A view that reads again and again (the
    /// wall, a day page on every push) passes its <paramref name="readInView"/>: a change is audited as read the first
    /// time the view shows it, not on every reload.
    /// </summary>
    public async Task<IReadOnlyList<DayChange>> OverlappingAsync(Caller caller, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken, ISet<string>? readInView = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Changes.AsNoTracking()
            .Where(c => c.Status != ChangeStatus.Cancelled && c.Start < to && c.End > from)
            .OrderBy(c => c.Start).ThenBy(c => c.Id)
            .Select(c => new { Change = c, Organisation = c.Organisation!.Name })
            .ToListAsync(cancellationToken);
        var visible = rows.Select(r => (r.Change, r.Organisation, Visibility: caller.VisibilityOf(r.Change.OrganisationId))).ToList();
        var read = visible.Where(v => v.Visibility == ChangeVisibility.Full).Select(v => v.Change.Reference);
        await AuditReadAsync(db, caller, caller.StaffVisibility, readInView is null ? read : [.. read.Where(readInView.Add)], cancellationToken);
        return [.. visible.Select(v => v.Visibility == ChangeVisibility.WindowOnly
            ? (DayChange)new WindowOnlyChange(LondonTime.ToLondon(v.Change.Start), LondonTime.ToLondon(v.Change.End))
            : ToResponse(v.Change, v.Organisation, v.Visibility))];
    }

    public async Task<IReadOnlyList<ChangeResponse>> QueueAsync(Caller caller, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Changes.AsNoTracking()
            .Where(c => c.Status == ChangeStatus.AwaitingAssessment)
            .OrderBy(c => c.Start).ThenBy(c => c.Id)
            .Select(c => new { Change = c, Organisation = c.Organisation!.Name })
            .ToListAsync(cancellationToken);
        var visibility = caller.StaffVisibility;
        await AuditReadAsync(db, caller, visibility, rows.Select(r => r.Change.Reference), cancellationToken);
        return [.. rows.Select(r => ToResponse(r.Change, r.Organisation, visibility))];
    }

    public async Task<IReadOnlyList<RevisionResponse>?> RevisionsAsync(Caller caller, string reference, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await db.Changes.AsNoTracking()
            .Where(c => c.Reference == reference)
            .Select(c => new { c.Id, c.OrganisationId, Organisation = c.Organisation!.Name })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null || caller.VisibilityOf(found.OrganisationId) == ChangeVisibility.WindowOnly)
        {
            return null;
        }

        var visibility = caller.VisibilityOf(found.OrganisationId);
        var revisions = await db.ChangeRevisions.AsNoTracking()
            .Where(r => r.ChangeId == found.Id)
            .OrderBy(r => r.Revision)
            .ToListAsync(cancellationToken);
        await AuditReadAsync(db, caller, visibility, [reference], cancellationToken);

        // A snapshot that no key of the ring opens (a database restored without its key ring's certificate) shows as
        // the change now stands, whose details read as unreadable too.
        var current = revisions.Any(r => r.SnapshotJson == FieldProtection.Unreadable)
            ? await db.Changes.AsNoTracking().SingleAsync(c => c.Id == found.Id, cancellationToken)
            : null;
        return [.. revisions.Select(r => new RevisionResponse(
            r.Revision,
            r.Action.ToString(),
            LondonTime.ToLondon(r.At),
            r.By,
            ToResponse(r.SnapshotJson == FieldProtection.Unreadable ? current!.Snapshot() : JsonSerializer.Deserialize<Change>(r.SnapshotJson, ChangeCoordinationDb.ColumnJson)!, found.Organisation, visibility)))];
    }

    /// <summary>The one place a change becomes what a caller sees: derived values computed, details withheld by visibility.</summary>
    private ChangeResponse ToResponse(Change change, string organisation, ChangeVisibility visibility)
    {
        // The risk with the version in force on the change's first day (as the heatmap computes that day); the
        // notice with the version in force when the window was notified.
        var methodology = rules.Timeline.For(LondonTime.DateOf(change.Start));
        var notice = rules.Timeline.For(LondonTime.DateOf(change.WindowNotifiedAt)).NoticeWorkingDays;
        var window = new OutageWindow(change.Start, change.End);
        var complexity = RiskRules.ComplexityOf(window.Duration, methodology);
        var impact = RiskRules.ImpactOf(change.Type, complexity, methodology);
        var range = RiskRules.RangeOf(impact, change.Probability, methodology);
        var lead = rules.Calendar.WorkingDaysBetween(LondonTime.DateOf(change.WindowNotifiedAt), LondonTime.DateOf(change.Start));
        var full = visibility == ChangeVisibility.Full;
        return new ChangeResponse(
            change.Reference,
            organisation,
            change.Kind,
            change.Type,
            LondonTime.ToLondon(change.Start),
            LondonTime.ToLondon(change.End),
            (int)window.Duration.TotalMinutes,
            complexity,
            impact,
            change.Probability,
            range.IsKnown ? range.Lowest : null,
            new RiskRangeResponse(range.Lowest, range.Highest),
            change.Status,
            change.Revision,
            LondonTime.ToLondon(change.NotifiedAt),
            LondonTime.ToLondon(change.UpdatedAt),
            lead,
            change.Kind == ChangeKind.Planned && lead < notice,
            full ? change.AssessmentRationale : null,
            full ? change.Description : null,
            full ? [.. change.DeviceCombinations.Select(d => new DeviceCombinationResponse(d.Devices, d.Smets, d.Manufacturer, d.Model, d.FirmwareVersion))] : null,
            full ? change.CancellationReason : null,
            ReviewResponse.From(change.Review, full));
    }

    /// <summary>
    /// A write of one change through the <see cref="RevisionedWriter"/>: the change's new revision is added to its
    /// history, and the ledger moves its days once the write committed (what it cannot apply is never committed).
    /// </summary>
    private Task<Outcome<ChangeResponse>> WriteAsync(
        string kind,
        RevisionAction action,
        Caller caller,
        string reference,
        int? ifMatch,
        bool ownerOnly,
        Func<Change, FieldErrors, string?> change,
        CancellationToken cancellationToken,
        bool requireIfMatch = true,
        Action<ChangeCoordinationDb, Change>? also = null)
    {
        var now = clock.GetUtcNow();
        protection.EnsureKey();
        return writer.WriteAsync(kind, caller, ifMatch, new RevisionedWrite<Change, ChangeResponse>(
            (db, token) => db.Changes.Include(c => c.Organisation).SingleOrDefaultAsync(c => c.Reference == reference && (!ownerOnly || c.OrganisationId == caller.OrganisationId), token),
            written => written.Reference,
            change,
            (_, written, _) => Task.FromResult(ToResponse(written, written.Organisation!.Name, caller.VisibilityOf(written.OrganisationId))))
        {
            RequireIfMatch = requireIfMatch,
            Prepare = written =>
            {
                written.UpdatedAt = now;
                var move = ledger.Prepare(written);
                return () => ledger.Record(move);
            },
            Beside = (db, written) =>
            {
                AddRevision(db, written, action, caller.Email, now);
                also?.Invoke(db, written);
            },
        }, cancellationToken);
    }

    private async Task AuditReadAsync(ChangeCoordinationDb db, Caller caller, ChangeVisibility visibility, IEnumerable<string> references, CancellationToken cancellationToken)
    {
        if (visibility != ChangeVisibility.Full || caller.IsDccUser)
        {
            return;
        }

        var subjects = references.ToList();
        if (subjects.Count == 0)
        {
            return;
        }

        foreach (var reference in subjects)
        {
            audit.Record(db, caller, "change.read", reference);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private string ArchivedRefusal(string what) =>
        $"An archived change cannot be {what}: it ended more than {ChangeText.Plural(rules.Methodology.ArchiveAfterDays, "day")} ago and is kept read-only until it is disposed of. Notify a new change instead.";

    private static void Apply(Change change, ChangeDraft draft)
    {
        change.Kind = draft.Kind;
        change.Type = draft.Type;
        change.Start = draft.Start;
        change.End = draft.End;
        change.Description = draft.Description;
        change.DeviceCombinations = draft.DeviceCombinations;
    }

    /// <summary>Appends the change as it now stands to its history.</summary>
    internal static void AddRevision(ChangeCoordinationDb db, Change change, RevisionAction action, string by, DateTimeOffset now) =>
        db.ChangeRevisions.Add(new ChangeRevision
        {
            ChangeId = change.Id,
            Revision = change.Revision,
            Action = action,
            At = now,
            By = by,
            SnapshotJson = JsonSerializer.Serialize(change.Snapshot(), ChangeCoordinationDb.ColumnJson),
        });
}

public static class ChangeReferences
{
    public static string External(long id) => $"CHG-{id:D5}";

    public static string Internal(long id) => $"FSC-{id:D5}";

    /// <summary>A unique stand-in until the row has its id, inside the same transaction.</summary>
    public static string Pending() => $"pending-{Guid.NewGuid():N}";
}
