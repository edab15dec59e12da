using System.Globalization;
using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Core.Risk;
using ChangeCoordination.Web.Api;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Features.Calendar;
using ChangeCoordination.Web.Features.Notifications;
using ChangeCoordination.Web.Identity;
using ChangeCoordination.Web.Live;
using ChangeCoordination.Web.Observability;
using Microsoft.EntityFrameworkCore;

namespace ChangeCoordination.Web.Features.Methodologies;

/// <summary>
/// Methodology versions (SEC H8.8A): a Site Owner drafts, opens consultation, records the Panel's approval with an
/// effective date, or withdraws; DCC Users respond during consultation, one response per organisation. Drafts are
/// read by DCC staff only; everything else by everyone signed in.
/// </summary>
public sealed class MethodologyService(
    IDbContextFactory<ChangeCoordinationDb> dbFactory,
    RuleBook rules,
    MethodologySwitch methodologySwitch,
    NotificationService notifications,
    TimeProvider clock,
    AuditTrail audit,
    LiveBus bus,
    RevisionedWriter writer) : IDisposable
{
    private static readonly PartyRole[] Everyone =
        [PartyRole.DccUser, PartyRole.DccAssessor, PartyRole.TocOperator, PartyRole.DccManager, PartyRole.SiteOwner];

    /// <summary>One approval at a time, so that two versions never take force on the same day.</summary>
    private readonly SemaphoreSlim approvals = new(1, 1);

    public const string FirstVersion = "1.0";

    /// <summary>The first version (the values the product started with), written once into an empty database.</summary>
    public static async Task EnsureFirstVersionAsync(ChangeCoordinationDb db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await db.MethodologyVersions.AnyAsync(cancellationToken))
        {
            return;
        }

        db.MethodologyVersions.Add(new MethodologyVersion
        {
            Version = FirstVersion,
            State = MethodologyState.Approved,
            DefinitionJson = RuleBook.JsonOf(MethodologyValues.Of(Methodology.Default)),
            Summary = "The first version: the numbers the product started with.",
            Revision = 1,
            DraftedBy = AuditTrail.System,
            DraftedAt = now,
            ApprovedBy = AuditTrail.System,
            ApprovedAt = now,
            EffectiveFrom = DateOnly.MinValue,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    public void Dispose() => approvals.Dispose();

    public async Task<IReadOnlyList<MethodologyVersionResponse>> ListAsync(Caller caller, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var versions = await db.MethodologyVersions.AsNoTracking().Include(v => v.Responses).ToListAsync(cancellationToken);
        return [.. versions.Where(v => MayRead(caller, v)).OrderByDescending(v => v.Id).Select(ToResponse)];
    }

    public async Task<MethodologyVersionResponse?> GetAsync(Caller caller, string version, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await db.MethodologyVersions.AsNoTracking().Include(v => v.Responses).SingleOrDefaultAsync(v => v.Version == version, cancellationToken);
        return found is not null && MayRead(caller, found) ? ToResponse(found) : null;
    }

    /// <summary>The methodology a version defines, for a what-if; null when there is no such version the caller may read.</summary>
    public async Task<Methodology?> MethodologyAsync(Caller caller, string version, CancellationToken cancellationToken) =>
        await GetAsync(caller, version, cancellationToken) is { } found ? found.Values.ToMethodology(found.Version) : null;

    public async Task<Outcome<MethodologyVersionResponse>> CreateAsync(Caller caller, MethodologyVersionInput input, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var (summary, values) = Check(input, errors);
        if (errors.Any)
        {
            return Outcome.Invalid<MethodologyVersionResponse>(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var numbers = await db.MethodologyVersions.Select(v => v.Version).ToListAsync(cancellationToken);
        var next = numbers.Select(n => int.TryParse(n.Split('.')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major) ? major : 0).DefaultIfEmpty(1).Max() + 1;
        var now = clock.GetUtcNow();
        var draft = new MethodologyVersion
        {
            Version = $"{next.ToString(CultureInfo.InvariantCulture)}.0",
            State = MethodologyState.Draft,
            DefinitionJson = RuleBook.JsonOf(values!),
            Summary = summary ?? "",
            Revision = 1,
            DraftedBy = caller.Email,
            DraftedAt = now,
        };
        db.MethodologyVersions.Add(draft);
        audit.Record(db, caller, "methodology.drafted", draft.Version);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome.Created(ToResponse(draft));
    }

    public Task<Outcome<MethodologyVersionResponse>> UpdateAsync(Caller caller, string version, int? ifMatch, MethodologyVersionInput input, CancellationToken cancellationToken) =>
        WriteAsync(caller, version, ifMatch, "methodology.updated", (draft, errors) =>
        {
            if (draft.State != MethodologyState.Draft)
            {
                return $"Version {draft.Version} is {StateWords(draft.State)}: only a draft is edited. Draft a new version instead.";
            }

            var (summary, values) = Check(input, errors);
            if (!errors.Any)
            {
                draft.Summary = summary ?? "";
                draft.DefinitionJson = RuleBook.JsonOf(values!);
            }

            return null;
        }, cancellationToken);

    /// <summary>Opens a draft for consultation and tells every DCC User that it is open.</summary>
    public async Task<Outcome<MethodologyVersionResponse>> OpenConsultationAsync(Caller caller, string version, int? ifMatch, CancellationToken cancellationToken)
    {
        var outcome = await WriteAsync(caller, version, ifMatch, "methodology.consultation-opened", (draft, _) =>
        {
            if (draft.State != MethodologyState.Draft)
            {
                return $"Version {draft.Version} is {StateWords(draft.State)}: only a draft goes out for consultation.";
            }

            draft.State = MethodologyState.Consultation;
            draft.ConsultationOpenedBy = caller.Email;
            draft.ConsultationOpenedAt = clock.GetUtcNow();
            return null;
        }, cancellationToken);
        if (outcome is { Kind: OutcomeKind.Ok, Value: { } opened })
        {
            await notifications.NotifyRolesAsync(
                [PartyRole.DccUser],
                $"Methodology version {opened.Version} is open for consultation: read it and respond for your organisation.",
                $"methodology/versions/{opened.Version}",
                cancellationToken);
        }

        return outcome;
    }

    public async Task<Outcome<MethodologyVersionResponse>> ApproveAsync(Caller caller, string version, int? ifMatch, MethodologyApprovalInput input, CancellationToken cancellationToken)
    {
        await approvals.WaitAsync(cancellationToken);
        try
        {
            return await ApproveOneAsync(caller, version, ifMatch, input, cancellationToken);
        }
        finally
        {
            approvals.Release();
        }
    }

    private async Task<Outcome<MethodologyVersionResponse>> ApproveOneAsync(Caller caller, string version, int? ifMatch, MethodologyApprovalInput input, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var decision = InputParsing.Text(input.PanelDecision, "panelDecision", MethodologyLimits.PanelDecisionMaxLength, errors, "Name the Panel's decision, for example 'Panel meeting 14 Jan 2027, minute 6'.");
        var effective = InputParsing.Date(input.EffectiveFrom, "effectiveFrom", errors);
        var now = clock.GetUtcNow();
        var today = LondonTime.DateOf(now);
        if (string.IsNullOrWhiteSpace(input.EffectiveFrom))
        {
            errors.Add("effectiveFrom", "Give the date the version takes force, as YYYY-MM-DD.");
        }
        else if (effective is { } date && date <= today)
        {
            errors.Add("effectiveFrom", $"A version takes force on a future day: give a date after today ({today:yyyy-MM-dd}).");
        }
        else if (effective is { } later && rules.Approved is [.., var last] && later <= last.EffectiveFrom)
        {
            errors.Add("effectiveFrom", $"Version {last.Methodology.Version} takes force on {last.EffectiveFrom:yyyy-MM-dd}: versions take force in order, so give a later date.");
        }
        else if (effective is { } inHorizon)
        {
            rules.Horizon.CheckStart(inHorizon, "effectiveFrom", now, errors);
        }

        MethodologyInForce? approved = null;
        var outcome = await WriteAsync(caller, version, ifMatch, "methodology.approved", (draft, fieldErrors) =>
        {
            if (draft.State != MethodologyState.Consultation)
            {
                return $"Version {draft.Version} is {StateWords(draft.State)}: the Panel approves a version after its consultation.";
            }

            if (errors.Any)
            {
                foreach (var (field, messages) in errors.ToDictionary())
                {
                    foreach (var message in messages)
                    {
                        fieldErrors.Add(field, message);
                    }
                }

                return null;
            }

            draft.State = MethodologyState.Approved;
            draft.ApprovedBy = caller.Email;
            draft.ApprovedAt = clock.GetUtcNow();
            draft.PanelDecision = decision;
            draft.EffectiveFrom = effective;
            approved = new MethodologyInForce(effective!.Value, RuleBook.ValuesOf(draft.DefinitionJson).ToMethodology(draft.Version));
            return null;
        }, cancellationToken);
        if (outcome.Kind == OutcomeKind.Ok && approved is not null)
        {
            rules.Approve(approved);
            methodologySwitch.Schedule();
            bus.Announce(new LiveNews(LiveNewsKind.Rules));
            await notifications.NotifyRolesAsync(
                Everyone,
                $"The Panel approved methodology version {approved.Methodology.Version}: it takes force on {MethodologyText.Date(approved.EffectiveFrom)}.",
                $"methodology/versions/{approved.Methodology.Version}",
                cancellationToken);
        }

        return outcome;
    }

    public Task<Outcome<MethodologyVersionResponse>> WithdrawAsync(Caller caller, string version, int? ifMatch, CancellationToken cancellationToken) =>
        WriteAsync(caller, version, ifMatch, "methodology.withdrawn", (draft, _) =>
        {
            if (draft.State is not (MethodologyState.Draft or MethodologyState.Consultation))
            {
                return $"Version {draft.Version} is {StateWords(draft.State)}: only a draft or a version in consultation is withdrawn.";
            }

            draft.State = MethodologyState.Withdrawn;
            draft.WithdrawnBy = caller.Email;
            draft.WithdrawnAt = clock.GetUtcNow();
            return null;
        }, cancellationToken);

    /// <summary>A DCC User organisation's response to a version in consultation: written, or replaced if it answered before.</summary>
    public async Task<Outcome<ConsultationResponse>> RespondAsync(Caller caller, string version, ConsultationResponseInput input, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var text = InputParsing.Text(input.Text, "text", MethodologyLimits.ResponseMaxLength, errors, "Write your organisation's response to the proposal.");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var found = await db.MethodologyVersions.SingleOrDefaultAsync(v => v.Version == version, cancellationToken);
        if (found is null || !MayRead(caller, found))
        {
            return Outcome.NotFound<ConsultationResponse>();
        }

        if (found.State != MethodologyState.Consultation)
        {
            return Outcome.Conflict<ConsultationResponse>($"Version {found.Version} is {StateWords(found.State)}: responses are taken while it is in consultation.");
        }

        if (errors.Any)
        {
            return Outcome.Invalid<ConsultationResponse>(errors);
        }

        var response = await db.MethodologyResponses.SingleOrDefaultAsync(r => r.MethodologyVersionId == found.Id && r.OrganisationId == caller.OrganisationId, cancellationToken);
        var replaced = response is not null;
        if (response is null)
        {
            response = new MethodologyResponse { MethodologyVersionId = found.Id, OrganisationId = caller.OrganisationId, Text = text!, RespondedBy = caller.Email };
            db.MethodologyResponses.Add(response);
        }

        response.Text = text!;
        response.RespondedBy = caller.Email;
        response.RespondedAt = clock.GetUtcNow();
        audit.Record(db, caller, replaced ? "methodology.response-replaced" : "methodology.responded", $"{found.Version} {caller.OrganisationName}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return replaced
            ? Outcome.Done(new ConsultationResponse(caller.OrganisationName, response.Text, response.RespondedBy, LondonTime.ToLondon(response.RespondedAt)))
            : Outcome.Created(new ConsultationResponse(caller.OrganisationName, response.Text, response.RespondedBy, LondonTime.ToLondon(response.RespondedAt)));
    }

    /// <summary>
    /// The responses to a version: every organisation's for DCC staff (the text only with a detail-access grant, each
    /// read audited), a DCC User's own organisation's for it; null when the version is not visible.
    /// </summary>
    public async Task<IReadOnlyList<ConsultationResponse>?> ResponsesAsync(Caller caller, string version, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await db.MethodologyVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Version == version, cancellationToken);
        if (found is null || !MayRead(caller, found))
        {
            return null;
        }

        var query = db.MethodologyResponses.AsNoTracking().Where(r => r.MethodologyVersionId == found.Id);
        if (!caller.IsDccStaff)
        {
            query = query.Where(r => r.OrganisationId == caller.OrganisationId);
        }

        var rows = await query.Select(r => new { Organisation = r.Organisation!.Name, r.Text, r.RespondedBy, r.RespondedAt }).ToListAsync(cancellationToken);

        // A response is a DCC User's text like a change's description: DCC staff read it only with a detail-access
        // grant, and every such read is in the audit log; without one they see who answered and when.
        var full = !caller.IsDccStaff || caller.HasDetailAccess;
        if (caller.IsDccStaff && full && rows.Count > 0)
        {
            foreach (var row in rows)
            {
                audit.Record(db, caller, "methodology.response-read", $"{found.Version} {row.Organisation}");
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        return [.. rows.OrderBy(r => r.Organisation, StringComparer.Ordinal).Select(r => new ConsultationResponse(r.Organisation, full ? r.Text : null, r.RespondedBy, LondonTime.ToLondon(r.RespondedAt)))];
    }

    public static string StateWords(MethodologyState state) => state switch
    {
        MethodologyState.Draft => "a draft",
        MethodologyState.Consultation => "in consultation",
        MethodologyState.Approved => "approved",
        _ => "withdrawn",
    };

    /// <summary>Drafts (and drafts withdrawn before consultation) are the DCC's; the rest is published.</summary>
    private static bool MayRead(Caller caller, MethodologyVersion version) =>
        caller.IsDccStaff || version.State is MethodologyState.Consultation or MethodologyState.Approved || version.ConsultationOpenedAt is not null;

    private static (string? Summary, MethodologyValues? Values) Check(MethodologyVersionInput input, FieldErrors errors)
    {
        var summary = InputParsing.Text(input.Summary, "summary", MethodologyLimits.SummaryMaxLength, errors, "Say in a sentence what the version changes and why.");
        if (input.Values is null)
        {
            errors.Add("values", "Give the version's values: start from GET /api/v1/methodology and change what the version changes.");
            return (summary, null);
        }

        foreach (var error in input.Values.Validate())
        {
            errors.Add($"values.{error.Field}", error.Message);
        }

        return (summary, input.Values);
    }

    /// <summary>A write of one methodology version, draft or in consultation, through the <see cref="RevisionedWriter"/>.</summary>
    private Task<Outcome<MethodologyVersionResponse>> WriteAsync(
        Caller caller,
        string version,
        int? ifMatch,
        string action,
        Func<MethodologyVersion, FieldErrors, string?> write,
        CancellationToken cancellationToken) =>
        writer.WriteAsync(action, caller, ifMatch, new RevisionedWrite<MethodologyVersion, MethodologyVersionResponse>(
            async (db, token) => await db.MethodologyVersions.Include(v => v.Responses).SingleOrDefaultAsync(v => v.Version == version, token) is { } found && MayRead(caller, found) ? found : null,
            found => found.Version,
            write,
            (_, found, _) => Task.FromResult(ToResponse(found))), cancellationToken);

    private MethodologyVersionResponse ToResponse(MethodologyVersion version)
    {
        var history = new List<MethodologyStep> { new("Drafted", version.DraftedBy, LondonTime.ToLondon(version.DraftedAt), null) };
        if (version is { ConsultationOpenedBy: { } openedBy, ConsultationOpenedAt: { } openedAt })
        {
            history.Add(new("Consultation opened", openedBy, LondonTime.ToLondon(openedAt), null));
        }

        if (version is { ApprovedBy: { } approvedBy, ApprovedAt: { } approvedAt })
        {
            history.Add(new("Approved by the Panel", approvedBy, LondonTime.ToLondon(approvedAt), version.PanelDecision));
        }

        if (version is { WithdrawnBy: { } withdrawnBy, WithdrawnAt: { } withdrawnAt })
        {
            history.Add(new("Withdrawn", withdrawnBy, LondonTime.ToLondon(withdrawnAt), null));
        }

        return new MethodologyVersionResponse(
            version.Version,
            version.State,
            version.Summary,
            RuleBook.ValuesOf(version.DefinitionJson),
            version.EffectiveFrom is { } from && from != DateOnly.MinValue ? from : null,
            rules.Methodology.Version == version.Version,
            history,
            version.Responses.Count,
            version.Revision);
    }
}
