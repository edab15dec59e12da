using ChangeCoordination.Core;
using ChangeCoordination.Core.Risk;
using ChangeCoordination.Web.Features.Changes;
using ChangeCoordination.Web.Features.Records;

namespace ChangeCoordination.Web.Features.Assessment;

/// <summary>
/// Which past changes are like a change, and what they suggest. Similar: the same type and complexity and, for a
/// firmware roll-out that names its devices, a device type in common; counted only when what happened is known
/// (reviewed or tied to an incident). The organisation's own history when it holds enough, else every User's.
/// </summary>
public static class AdviceRules
{
    /// <summary>Fewer similar changes than this say too little to advise on.</summary>
    public const int MinimumHistory = 10;

    /// <summary>The latest this many similar changes are counted, so the advice follows what changes do now.</summary>
    public const int MaximumHistory = 50;

    public const string WentWrongMeaning = "overran, partly done, rolled back or tied to an incident";

    public static AssessmentAdvice Advise(AdviceSubject subject, IEnumerable<PastChange> history)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var similar = history
            .Where(p => p.Reference != subject.Reference && p.WentWrong is not null && IsSimilar(subject, p))
            .OrderByDescending(p => p.End)
            .ThenBy(p => p.Reference, StringComparer.Ordinal)
            .ToList();
        var own = similar.Where(p => p.OrganisationId == subject.OrganisationId).ToList();
        var (whose, counted) = own.Count >= MinimumHistory ? ($"{subject.Organisation}'s", own) : ("every User's", similar);
        counted = [.. counted.Take(MaximumHistory)];
        var wentWrong = ShareResponse.From(counted.Count(p => p.WentWrong == true), counted.Count);
        var described = $"{whose} {Describe(subject)}";
        var evidence = counted.Select(p => new AdviceEvidence(p.Reference, p.Organisation, p.Start, p.End, p.Probability, p.Outcome, p.Incidents, p.WentWrong == true)).ToList();
        if (counted.Count < MinimumHistory)
        {
            var known = ChangeText.Plural(counted.Count, "similar change");
            return new AssessmentAdvice(subject.Reference, described, wentWrong, null, $"Too little history to advise: {known} with a known outcome ({described}); {MinimumHistory} are needed.", evidence);
        }

        var suggested = StatedProbability.Nearest(wentWrong.Share!.Value);
        return new AssessmentAdvice(
            subject.Reference,
            described,
            wentWrong,
            suggested,
            $"Similar changes: {wentWrong.Count} of {wentWrong.Total} went wrong ({WentWrongMeaning}): {ChangeText.Probability(suggested)} suggested.",
            evidence);
    }

    private static bool IsSimilar(AdviceSubject subject, PastChange past) =>
        past.Type == subject.Type
        && past.Complexity == subject.Complexity
        && (subject.Type != ChangeType.Firmware || subject.Devices.Count == 0 || past.Devices.Intersect(subject.Devices).Any());

    private static string Describe(AdviceSubject subject)
    {
        var what = $"{ChangeText.ShortType(subject.Type)} changes of {subject.Complexity} complexity";
        return subject.Type == ChangeType.Firmware && subject.Devices.Count > 0
            ? $"{what} to {string.Join(", ", subject.Devices.Order().Select(ChangeText.Device))}"
            : what;
    }
}
