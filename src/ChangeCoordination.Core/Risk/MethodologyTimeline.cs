namespace ChangeCoordination.Core.Risk;

/// <summary>A methodology version and the first London day it computes.</summary>
public sealed record MethodologyInForce(DateOnly EffectiveFrom, Methodology Methodology);

/// <summary>
/// The versions in force over time (SEC H8.8A): each London day is computed with the version whose effective date is
/// the latest on or before it; days before the first version's date take the first version.
/// </summary>
public sealed class MethodologyTimeline
{
    private readonly MethodologyInForce[] versions;

    public MethodologyTimeline(IEnumerable<MethodologyInForce> versions)
    {
        this.versions = [.. versions.OrderBy(v => v.EffectiveFrom)];
        if (this.versions.Length == 0)
        {
            throw new ArgumentException("A timeline holds at least one version.", nameof(versions));
        }

        for (var i = 1; i < this.versions.Length; i++)
        {
            if (this.versions[i].EffectiveFrom == this.versions[i - 1].EffectiveFrom)
            {
                throw new ArgumentException($"Versions {this.versions[i - 1].Methodology.Version} and {this.versions[i].Methodology.Version} take force on the same day.", nameof(versions));
            }
        }
    }

    /// <summary>Version 1.0 for every day.</summary>
    public static MethodologyTimeline Default { get; } = Only(Methodology.Default);

    public static MethodologyTimeline Only(Methodology methodology) => new([new MethodologyInForce(DateOnly.MinValue, methodology)]);

    public IReadOnlyList<MethodologyInForce> Versions => versions;

    /// <summary>The latest version: the one in force from its effective date onward.</summary>
    public Methodology Latest => versions[^1].Methodology;

    public Methodology For(DateOnly day)
    {
        for (var i = versions.Length - 1; i > 0; i--)
        {
            if (versions[i].EffectiveFrom <= day)
            {
                return versions[i].Methodology;
            }
        }

        return versions[0].Methodology;
    }

    /// <summary>The versions that compute at least one day of [first, last], each with the first of those days, in order.</summary>
    public IEnumerable<(DateOnly From, Methodology Methodology)> Across(DateOnly first, DateOnly last)
    {
        yield return (first, For(first));
        foreach (var version in versions)
        {
            if (version.EffectiveFrom > first && version.EffectiveFrom <= last)
            {
                yield return (version.EffectiveFrom, version.Methodology);
            }
        }
    }
}
