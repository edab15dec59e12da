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
    DateTimeOffset UpdatedAt,
    IReadOnlyList<MaintenanceWarningResponse> Warnings);

/// <summary>A SEC H8.3 or H8.4 rule that a Planned Maintenance entry breaks: a warning, not a block.</summary>
public sealed record MaintenanceWarningResponse(string Rule, string Message);
