using ChangeCoordination.Core;

namespace ChangeCoordination.Web.Data;

public enum OrganisationKind { LargeSupplier, SmallSupplier, NetworkOperator, OtherUser, Dcc }

public enum PartyRole { DccUser, DccAssessor, TocOperator, DccManager, SiteOwner, WallDisplay }

public enum InternalChangeStatus { Scheduled, Cancelled }

public enum RevisionAction { Notified, Updated, Assessed, Cancelled }

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
}

/// <summary>A device combination as stored: a set of device types of one SMETS generation.</summary>
public sealed record DeviceCombination(
    IReadOnlyList<DeviceType> Devices,
    SmetsGeneration Smets,
    string? Manufacturer,
    string? Model,
    string? FirmwareVersion);

/// <summary>A DCC User's change in its current revision; every write appends a <see cref="ChangeRevision"/>.</summary>
public sealed class Change
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

    /// <summary>Counts every write; the concurrency token and the ETag.</summary>
    public int Revision { get; set; }

    public List<ChangeRevision> Revisions { get; set; } = [];

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

/// <summary>A DCC internal change: an entry of the Forward Schedule of Change.</summary>
public sealed class InternalChange
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
public sealed class SupportPlan
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

/// <summary>A version of the User System Change Reporting Methodology and the date it takes force.</summary>
public sealed class MethodologyVersion
{
    public required string Version { get; set; }

    public DateOnly EffectiveFrom { get; set; }

    public required string DefinitionJson { get; set; }

    public DateTimeOffset ApprovedAt { get; set; }
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

/// <summary>An e-mail waiting to go, or sent: kept until the SMTP server has taken it, retried with back-off.</summary>
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

    public string? LastError { get; set; }
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
