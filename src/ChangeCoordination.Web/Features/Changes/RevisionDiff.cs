namespace ChangeCoordination.Web.Features.Changes;

/// <summary>One field that differs between two revisions, in words.</summary>
public sealed record FieldChange(string Field, string Before, string After);

/// <summary>What changed from one revision of a change to the next, field by field, as a person reads it.</summary>
public static class RevisionDiff
{
    private const string None = "none";

    public static IReadOnlyList<FieldChange> Between(ChangeResponse before, ChangeResponse after)
    {
        var fields = new (string Field, Func<ChangeResponse, string> Read)[]
        {
            ("Planned or unplanned", c => ChangeText.Kind(c.Kind)),
            ("Type", c => ChangeText.Type(c.Type)),
            ("Outage window", c => ChangeText.Window(c.Start, c.End)),
            ("Description", c => string.IsNullOrEmpty(c.Description) ? None : c.Description),
            ("Devices", c => c.DeviceCombinations is { Count: > 0 } d ? string.Join("; ", d.Select(ChangeText.Combination)) : None),
            ("Status", c => ChangeText.Status(c.Status)),
            ("Probability", c => c.Probability is { } p ? ChangeText.Probability(p) : "not assessed"),
            ("Assessment rationale", c => c.AssessmentRationale ?? None),
            ("Cancellation reason", c => c.CancellationReason ?? None),
            ("Review", c => c.Review is { } review ? Reviews.ReviewText.Summary(review) : None),
        };
        return [.. fields
            .Select(f => new FieldChange(f.Field, f.Read(before), f.Read(after)))
            .Where(f => !string.Equals(f.Before, f.After, StringComparison.Ordinal))];
    }
}
