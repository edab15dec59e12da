using ChangeCoordination.Core;
using ChangeCoordination.Core.Operations;
using ChangeCoordination.Web.Features.Reviews;

namespace ChangeCoordination.Web.Data;

public enum OrganisationKind { LargeSupplier, SmallSupplier, NetworkOperator, OtherUser, Dcc }

public enum PartyRole { DccUser, DccAssessor, TocOperator, DccManager, SiteOwner, WallDisplay }

public enum InternalChangeStatus { Scheduled, Cancelled }

public enum RevisionAction { Notified, Updated, Assessed, Cancelled, Archived, Reviewed }

public enum SupportPlanState { Unassigned, Assigned, Acknowledged, StoodDown }

public enum FeedKind { RedDays, OrganisationChanges }

public sealed class Organisation
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public OrganisationKind Kind { get; set; }
}

public sealed class Person
{
    public int Id { get; set; }

    public required string Email { get; set; }

    /// <summary>The OpenID Connect provider's subject for this person, when known: matched before the e-mail.</summary>
    public string? Subject { get; set; }

    public required string DisplayName { get; set; }

    public PartyRole Role { get; set; }

    public int OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    /// <summary>Granted by a Site Owner: DCC staff see change details only while this is set.</summary>
    public bool HasDetailAccess { get; set; }

    /// <summary>Moves with every change to the person: a change made from a stale revision is refused.</summary>
    public int Revision { get; set; } = 1;
}

/// <summary>A device combination as stored: a set of device types of one SMETS generation.</summary>
public sealed record DeviceCombination(
    IReadOnlyList<DeviceType> Devices,
    SmetsGeneration Smets,
    string? Manufacturer,
    string? Model,
    string? FirmwareVersion);

/// <summary>A DCC User's change in its current revision; every write appends a <see cref="ChangeRevision"/>.</summary>
public sealed class Change : IRevisioned
{
    public long Id { get; set; }

    public required string Reference { get; set; }

    public int OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    public ChangeKind Kind { get; set; }

    public ChangeType Type { get; set; }

    public DateTimeOffset Start { get; set; }

    public DateTimeOffset End { get; set; }

    public string? Description { get; set; }

    public List<DeviceCombination> DeviceCombinations { get; set; } = [];

    public ChangeStatus Status { get; set; }

    public Probability? Probability { get; set; }

    public string? AssessmentRationale { get; set; }

    public DateTimeOffset? AssessedAt { get; set; }

    public string? AssessedBy { get; set; }

    public string? CancellationReason { get; set; }

    public string NotifiedBy { get; set; } = "";

    /// <summary>When the DCC was first told of this change.</summary>
    public DateTimeOffset NotifiedAt { get; set; }

    /// <summary>When the DCC was told of the current window: notice is counted from here.</summary>
    public DateTimeOffset WindowNotifiedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When retention archived the change (read-only from then on); disposal is counted from here.</summary>
    public DateTimeOffset? ArchivedAt { get; set; }

    /// <summary>Counts every write; the concurrency token and the ETag.</summary>
    public int Revision { get; set; }

    public List<ChangeRevision> Revisions { get; set; } = [];

    /// <summary>What happened, recorded by the organisation after the window ended; null until then.</summary>
    public ChangeReview? Review { get; set; }

    /// <summary>A detached copy of the change's own fields, as a revision records it.</summary>
    public Change Snapshot()
    {
        var copy = (Change)MemberwiseClone();
        copy.Organisation = null;
        copy.Revisions = [];
        return copy;
    }
}

/// <summary>One write to a change, kept for ever (until disposal): a snapshot of the change as it then stood.</summary>
public sealed class ChangeRevision
{
    public long Id { get; set; }

    public long ChangeId { get; set; }

    public int Revision { get; set; }

    public RevisionAction Action { get; set; }

    public DateTimeOffset At { get; set; }

    public required string By { get; set; }

    public required string SnapshotJson { get; set; }
}

/// <summary>What is left of a disposed change: its reference and the date it was disposed of, nothing more.</summary>
public sealed class DisposedChange
{
    public required string Reference { get; set; }

    public DateTimeOffset DisposedAt { get; set; }
}

/// <summary>A DCC internal change: an entry of the Forward Schedule of Change.</summary>
public sealed class InternalChange : IRevisioned
{
    public long Id { get; set; }

    public required string Reference { get; set; }

    public required string Title { get; set; }

    public List<DccService> Services { get; set; } = [];

    public bool PlannedMaintenance { get; set; }

    public DateTimeOffset Start { get; set; }

    public DateTimeOffset End { get; set; }

    public int ImpactScore { get; set; }

    public int ProbabilityScore { get; set; }

    public InternalChangeStatus Status { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public required string UpdatedBy { get; set; }

    public int Revision { get; set; }
}

/// <summary>The additional support a high-risk (Red) day gets: proactive TOC monitoring and Major Incident Management cover.</summary>
public sealed class SupportPlan : IRevisioned
{
    public int Id { get; set; }

    public DateOnly Date { get; set; }

    public SupportPlanState State { get; set; }

    public string? TocLead { get; set; }

    public string? MajorIncidentContact { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? AcknowledgedAt { get; set; }

    public string? AcknowledgedBy { get; set; }

    public DateTimeOffset? StoodDownAt { get; set; }

    public string? StoodDownCause { get; set; }

    public bool BriefingSent { get; set; }

    public bool DashboardsPrepared { get; set; }

    public bool UsersContacted { get; set; }

    public bool HandoverDone { get; set; }

    /// <summary>Counts every write; the concurrency token and the ETag.</summary>
    public int Revision { get; set; }

    public List<SupportPlanLogEntry> Log { get; set; } = [];
}

/// <summary>One line of a support plan's log: what happened to the plan, or a note from the TOC or a manager.</summary>
public sealed class SupportPlanLogEntry
{
    public long Id { get; set; }

    public int SupportPlanId { get; set; }

    public DateTimeOffset At { get; set; }

    public required string By { get; set; }

    public required string Text { get; set; }
}

/// <summary>Append-only: who did or read what, when, from where.</summary>
public sealed class AuditEvent
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Actor { get; set; }

    public required string Action { get; set; }

    public required string Subject { get; set; }

    public string? FromAddress { get; set; }
}

public sealed class BankHolidayOverrideRow
{
    public DateOnly Date { get; set; }

    public bool IsHoliday { get; set; }

    public required string Name { get; set; }
}

/// <summary>Where a methodology version stands: drafted, out for consultation, approved by the Panel, or withdrawn.</summary>
public enum MethodologyState { Draft, Consultation, Approved, Withdrawn }

/// <summary>
/// A version of the User System Change Reporting Methodology (SEC H8.8A): its values, where it stands, and who took
/// each step when. Only a draft's values change; an approved version is never edited.
/// </summary>
public sealed class MethodologyVersion : IRevisioned
{
    public int Id { get; set; }

    public required string Version { get; set; }

    public MethodologyState State { get; set; }

    /// <summary>The values (Core's MethodologyValues) as JSON.</summary>
    public required string DefinitionJson { get; set; }

    /// <summary>What the version changes and why, in the author's words.</summary>
    public string Summary { get; set; } = "";

    public int Revision { get; set; }

    public required string DraftedBy { get; set; }

    public DateTimeOffset DraftedAt { get; set; }

    public string? ConsultationOpenedBy { get; set; }

    public DateTimeOffset? ConsultationOpenedAt { get; set; }

    public string? ApprovedBy { get; set; }

    public DateTimeOffset? ApprovedAt { get; set; }

    /// <summary>The Panel's decision, as the Site Owner recorded it (a meeting and minute reference).</summary>
    public string? PanelDecision { get; set; }

    /// <summary>The first London day the version computes; <see cref="DateOnly.MinValue"/> for the first version.</summary>
    public DateOnly? EffectiveFrom { get; set; }

    public string? WithdrawnBy { get; set; }

    public DateTimeOffset? WithdrawnAt { get; set; }

    public List<MethodologyResponse> Responses { get; set; } = [];
}

/// <summary>A DCC User organisation's response to a version in consultation: one per organisation, replaced when it answers again.</summary>
public sealed class MethodologyResponse
{
    public int Id { get; set; }

    public int MethodologyVersionId { get; set; }

    public int OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    public required string Text { get; set; }

    public required string RespondedBy { get; set; }

    public DateTimeOffset RespondedAt { get; set; }
}

/// <summary>A period the DCC declares frozen (a BCDR test day, the Christmas freeze): drawn on every heatmap.</summary>
public sealed class FreezeWindow
{
    public int Id { get; set; }

    public required string Title { get; set; }

    /// <summary>The first frozen London day.</summary>
    public DateOnly From { get; set; }

    /// <summary>The last frozen London day (inclusive).</summary>
    public DateOnly To { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public required string CreatedBy { get; set; }
}

/// <summary>A calendar feed behind a secret URL: only the secret's hash is kept; revoking it closes the feed.</summary>
public sealed class CalendarFeed
{
    public int Id { get; set; }

    public FeedKind Kind { get; set; }

    /// <summary>For <see cref="FeedKind.OrganisationChanges"/>: whose changes.</summary>
    public int? OrganisationId { get; set; }

    public required string SecretHash { get; set; }

    public required string Label { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>An in-app notification for one person.</summary>
public sealed class Notification
{
    public long Id { get; set; }

    public required string RecipientEmail { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Text { get; set; }

    public string? Link { get; set; }

    public DateTimeOffset? ReadAt { get; set; }
}

/// <summary>
/// An e-mail waiting to go, sent, or failed: retried with back-off until the SMTP server takes it or the attempts run
/// out (<see cref="FailedAt"/>, shown to the Site Owner, who may try it again).
/// </summary>
public sealed class OutboxEmail
{
    public long Id { get; set; }

    public required string Recipient { get; set; }

    public required string Subject { get; set; }

    public required string Body { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public DateTimeOffset? FailedAt { get; set; }

    public string? LastError { get; set; }
}

/// <summary>One imported service request (seed 004, RSVP): the TOC's export row, keyed by the DCC's request id.</summary>
public sealed class ServiceRequestRow
{
    public long Id { get; set; }

    public required string RequestId { get; set; }

    public required string Srv { get; set; }

    public SmetsGeneration Smets { get; set; }

    public CspRegion Region { get; set; }

    public DateTimeOffset Received { get; set; }

    public DateTimeOffset Responded { get; set; }

    public required string OutcomeCode { get; set; }

    public string? AlertCode { get; set; }

    public DateTimeOffset ImportedAt { get; set; }

    public ServiceRequestRecord ToRecord() => new(Srv, Smets, Region, Received, Responded, OutcomeCode, AlertCode);
}

/// <summary>One imported sub-system outage, keyed by the TOC's outage reference; a later import of it replaces it.</summary>
public sealed class OutageRow
{
    public long Id { get; set; }

    public required string Reference { get; set; }

    public List<DccService> Services { get; set; } = [];

    public required string SubSystem { get; set; }

    /// <summary>Null: every CSP region.</summary>
    public CspRegion? Region { get; set; }

    public DateTimeOffset Start { get; set; }

    public DateTimeOffset End { get; set; }

    public bool Planned { get; set; }

    public DateTimeOffset ImportedAt { get; set; }

    public OutageRecord ToRecord() => new(Services, SubSystem, Region, Start, End, Planned);
}

/// <summary>One imported incident, keyed by its reference; a later import (responded, resolved) replaces it.</summary>
public sealed class IncidentRow
{
    public long Id { get; set; }

    public required string Reference { get; set; }

    public int Category { get; set; }

    public string? Summary { get; set; }

    public DateTimeOffset Opened { get; set; }

    public DateTimeOffset? Responded { get; set; }

    public DateTimeOffset? Resolved { get; set; }

    public ResponsibleParty ResponsibleParty { get; set; }

    public DateTimeOffset ImportedAt { get; set; }

    /// <summary>The revision of the changes tied to it (Features/Incidents), for If-Match; an import leaves it alone.</summary>
    public int LinksRevision { get; set; } = 1;

    public IncidentRecord ToRecord() => new(Reference, Category, Opened, Responded, Resolved, ResponsibleParty);
}

/// <summary>
/// A key a Site Owner issues to a DCC User organisation's system: it calls the API as a DCC User of that organisation.
/// Only the SHA-256 of the secret is kept; the key is shown once, at issue.
/// </summary>
public sealed class ApiKey
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public int OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    public required string SecretHash { get; set; }

    /// <summary>The key's first characters, shown so that people can tell their keys apart.</summary>
    public required string Prefix { get; set; }

    public DateTimeOffset IssuedAt { get; set; }

    public required string IssuedBy { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>One row of the editable business process to SRV table (seed 004, RSVP): the variant, its process and target.</summary>
public sealed class VariantRuleRow
{
    /// <summary>The SRV code, for example 8.1.1 (the key).</summary>
    public required string Srv { get; set; }

    public BusinessProcess Process { get; set; }

    public int TargetSeconds { get; set; }

    public required string Name { get; set; }
}

/// <summary>The variant table as a whole: its revision, which every replacement of the table checks and raises.</summary>
public sealed class VariantTable
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public int Revision { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public required string UpdatedBy { get; set; }
}
