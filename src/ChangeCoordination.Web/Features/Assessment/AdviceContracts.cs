using ChangeCoordination.Core;
using ChangeCoordination.Web.Features.Records;
using ChangeCoordination.Web.Features.Reviews;

namespace ChangeCoordination.Web.Features.Assessment;

/// <summary>
/// What the changes like this one went on to do, told to its assessor: how many of them went wrong (overran, partly
/// done, rolled back or tied to an incident) and the word that states the share nearest. Advice only: the assessor
/// chooses, and the choice is recorded against it.
/// </summary>
/// <param name="Similar">Whose changes and which: "Supplier A's User System changes of Medium complexity".</param>
/// <param name="WentWrong">How many of the similar changes went wrong, of how many, with its 95% interval.</param>
/// <param name="Suggested">The word whose stated probability lies nearest the share; null with too few similar changes to tell.</param>
/// <param name="Summary">The advice in a sentence, as the desk says it.</param>
/// <param name="Evidence">The similar changes counted, latest first.</param>
public sealed record AssessmentAdvice(
    string Reference,
    string Similar,
    ShareResponse WentWrong,
    Probability? Suggested,
    string Summary,
    IReadOnlyList<AdviceEvidence> Evidence);

/// <summary>One similar change behind the advice: when it was, what it was assessed, and what happened after it.</summary>
public sealed record AdviceEvidence(
    string Reference,
    string Organisation,
    DateTimeOffset Start,
    DateTimeOffset End,
    Probability? Probability,
    ReviewOutcome? Outcome,
    IReadOnlyList<string> Incidents,
    bool WentWrong);
