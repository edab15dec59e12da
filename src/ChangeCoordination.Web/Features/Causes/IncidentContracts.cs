using ChangeCoordination.Core;
using ChangeCoordination.Core.Operations;

namespace ChangeCoordination.Web.Features.Causes;

/// <summary>An imported incident with the changes DCC staff tied to it and, when asked for one incident, the candidates.</summary>
public sealed record IncidentCausesResponse(
    string Reference,
    int Category,
    string? Summary,
    DateTimeOffset Opened,
    DateTimeOffset? Resolved,
    ResponsibleParty ResponsibleParty,
    int LinksRevision,
    IReadOnlyList<IncidentLinkResponse> Links,
    IReadOnlyList<IncidentCandidate>? Candidates);

public sealed record IncidentLinkResponse(string Change, string Organisation, IncidentRole Role, string LinkedBy, DateTimeOffset LinkedAt);

/// <summary>
/// A change that may have caused the incident: in progress when it was opened, or ended less than
/// <see cref="IncidentLinks.AftermathHours"/> hours before. Only a suggestion: nothing is linked until staff say so.
/// </summary>
public sealed record IncidentCandidate(
    string Change,
    string Organisation,
    ChangeType Type,
    DateTimeOffset Start,
    DateTimeOffset End,
    bool InProgress,
    IncidentRole? Linked);

/// <summary>The whole set of changes tied to an incident: what is not in it is untied.</summary>
public sealed record IncidentLinksInput(IReadOnlyList<IncidentLinkInput>? Links);

public sealed record IncidentLinkInput(string? Change, string? Role);
