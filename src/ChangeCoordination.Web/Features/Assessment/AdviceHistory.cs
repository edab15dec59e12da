using ChangeCoordination.Core;
using ChangeCoordination.Web.Features.Reviews;

namespace ChangeCoordination.Web.Features.Assessment;

/// <summary>A change to advise on, by what makes another change similar to it.</summary>
public sealed record AdviceSubject(
    string Reference,
    int OrganisationId,
    string Organisation,
    ChangeType Type,
    Complexity Complexity,
    IReadOnlyCollection<DeviceType> Devices);

/// <summary>A change whose window has ended, by what makes it similar and what happened after it.</summary>
public sealed record PastChange(
    string Reference,
    int OrganisationId,
    string Organisation,
    ChangeType Type,
    Complexity Complexity,
    IReadOnlyCollection<DeviceType> Devices,
    DateTimeOffset Start,
    DateTimeOffset End,
    Probability? Probability,
    ReviewOutcome? Outcome,
    IReadOnlyList<string> Incidents)
{
    /// <summary>Went wrong, went right, or unknown (neither reviewed nor tied to an incident).</summary>
    public bool? WentWrong => ReviewRules.WentWrong(Outcome, Incidents.Count > 0);
}
