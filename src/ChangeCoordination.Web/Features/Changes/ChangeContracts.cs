using System.Text.Json.Serialization;
using ChangeCoordination.Core;
using ChangeCoordination.Web.Features.Reviews;

namespace ChangeCoordination.Web.Features.Changes;

/// <summary>The body of <c>POST</c> and <c>PUT /api/v1/changes</c>. Strings, so that every bad value gets a message naming its field.</summary>
public sealed record ChangeInput(
    string? Kind,
    string? Type,
    string? Start,
    string? End,
    string? Description,
    IReadOnlyList<DeviceCombinationInput>? DeviceCombinations);

public sealed record DeviceCombinationInput(
    IReadOnlyList<string>? Devices,
    string? Smets,
    string? Manufacturer,
    string? Model,
    string? FirmwareVersion);

public sealed record AssessmentInput(string? Probability, string? Rationale);

/// <summary>The advice an assessor was given for a change (similar changes: <paramref name="WentWrong"/> of <paramref name="Similar"/> went wrong), recorded against the probability chosen.</summary>
public sealed record AdviceGiven(Probability Suggested, int WentWrong, int Similar);

public sealed record CancellationInput(string? Reason);

public sealed record RiskRangeResponse(RiskStatus Lowest, RiskStatus Highest);

public sealed record DeviceCombinationResponse(
    IReadOnlyList<DeviceType> Devices,
    SmetsGeneration Smets,
    string? Manufacturer,
    string? Model,
    string? FirmwareVersion);

/// <summary>
/// A change as a day lists it: a <see cref="ChangeResponse"/>, or for a DCC User another organisation's change as its
/// window alone (<see cref="WindowOnlyChange"/>). Either is written as itself, with no discriminator: the window is
/// <c>{ start, end }</c> and nothing more.
/// </summary>
[JsonDerivedType(typeof(ChangeResponse))]
[JsonDerivedType(typeof(WindowOnlyChange))]
public abstract record DayChange;

/// <summary>A change as a caller may see it in full or in summary (summary: no description, no devices).</summary>
public sealed record ChangeResponse(
    string Reference,
    string Organisation,
    ChangeKind Kind,
    ChangeType Type,
    DateTimeOffset Start,
    DateTimeOffset End,
    int DurationMinutes,
    Complexity Complexity,
    Impact Impact,
    Probability? Probability,
    RiskStatus? Risk,
    RiskRangeResponse RiskRange,
    ChangeStatus Status,
    int Revision,
    DateTimeOffset NotifiedAt,
    DateTimeOffset UpdatedAt,
    int LeadTimeWorkingDays,
    bool LateNotice,
    string? AssessmentRationale,
    string? Description,
    IReadOnlyList<DeviceCombinationResponse>? DeviceCombinations,
    string? CancellationReason = null,
    ReviewResponse? Review = null) : DayChange;

/// <summary>Another organisation's change, as a DCC User sees it: a start and an end, nothing more.</summary>
public sealed record WindowOnlyChange(DateTimeOffset Start, DateTimeOffset End) : DayChange;

/// <summary>
/// What notifying many changes did: the changes made, in the order of the inputs; or, when any input was invalid, the
/// errors of each invalid input by its index, and nothing made.
/// </summary>
public sealed record NotifiedChanges(IReadOnlyList<ChangeResponse> Created, IReadOnlyDictionary<int, Api.FieldErrors> Invalid);

public sealed record RevisionResponse(int Revision, string Action, DateTimeOffset At, string By, ChangeResponse Change);
