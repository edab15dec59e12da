using ChangeCoordination.Core.Risk;
using ChangeCoordination.Web.Data;

namespace ChangeCoordination.Web.Features.Methodologies;

/// <summary>A draft's content: what it changes and why, and the values (the shape of <c>GET /api/v1/methodology</c>'s numbers).</summary>
public sealed record MethodologyVersionInput(string? Summary, MethodologyValues? Values);

/// <summary>The Panel's approval: the decision's reference and the first London day the version computes.</summary>
public sealed record MethodologyApprovalInput(string? PanelDecision, string? EffectiveFrom);

public sealed record ConsultationResponseInput(string? Text);

/// <summary>One step of a version's life: who took it and when.</summary>
public sealed record MethodologyStep(string Step, string By, DateTimeOffset At, string? Note);

public sealed record MethodologyVersionResponse(
    string Version,
    MethodologyState State,
    string Summary,
    MethodologyValues Values,
    DateOnly? EffectiveFrom,
    bool InForce,
    IReadOnlyList<MethodologyStep> History,
    int ResponseCount,
    int Revision);

/// <summary>An organisation's response; <see cref="Text"/> is null for DCC staff without a detail-access grant.</summary>
public sealed record ConsultationResponse(string Organisation, string? Text, string RespondedBy, DateTimeOffset RespondedAt);
