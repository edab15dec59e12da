using ChangeCoordination.Core;

namespace ChangeCoordination.Web.Features.InternalChanges;

public sealed record InternalChangeInput(
    string? Title,
    IReadOnlyList<string>? Services,
    bool? PlannedMaintenance,
    string? Start,
    string? End,
    int? ImpactScore,
    int? ProbabilityScore);

/// <summary>A Forward Schedule of Change entry: published to every signed-in party with its window and risk.</summary>
public sealed record InternalChangeResponse(
    string Reference,
    string Title,
    IReadOnlyList<DccService> Services,
    bool PlannedMaintenance,
    DateTimeOffset Start,
    DateTimeOffset End,
    int DurationMinutes,
    int ImpactScore,
    int ProbabilityScore,
    int Score,
    RiskStatus Risk,
    string Status,
    int Revision,
    DateTimeOffset UpdatedAt);
