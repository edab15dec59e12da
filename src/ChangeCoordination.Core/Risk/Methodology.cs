using System.Collections.Frozen;

namespace ChangeCoordination.Core.Risk;

/// <summary>
/// The User System Change Reporting Methodology (SEC H8.8A): every number the risk rules use.
/// It changes only by a new version; <see cref="Default"/> is the first version.
/// </summary>
public sealed record Methodology
{
    public required string Version { get; init; }

    /// <summary>A window at least this long is Medium (Small below it).</summary>
    public TimeSpan MediumFrom { get; init; } = TimeSpan.FromHours(3);

    /// <summary>A window longer than this is Large (Medium up to and including it).</summary>
    public TimeSpan LargeAbove { get; init; } = TimeSpan.FromHours(6);

    public required FrozenDictionary<(ChangeType Type, Complexity Complexity), Impact> Impacts { get; init; }

    public required FrozenDictionary<(Impact Impact, Probability Probability), RiskStatus> Matrix { get; init; }

    /// <summary>Internal change scores 1..GreenMax are Green.</summary>
    public int InternalGreenMax { get; init; } = 6;

    /// <summary>Internal change scores GreenMax+1..AmberMax are Amber; above is Red (up to 25).</summary>
    public int InternalAmberMax { get; init; } = 14;

    public int NoticeWorkingDays { get; init; } = 20;

    public int ArchiveAfterDays { get; init; } = 90;

    public static Methodology Default { get; } = new()
    {
        Version = "1.0",
        Impacts = new Dictionary<(ChangeType, Complexity), Impact>
        {
            [(ChangeType.UserSystem, Complexity.Small)] = Impact.Minor,
            [(ChangeType.UserSystem, Complexity.Medium)] = Impact.Moderate,
            [(ChangeType.UserSystem, Complexity.Large)] = Impact.Major,
            [(ChangeType.Firmware, Complexity.Small)] = Impact.Moderate,
            [(ChangeType.Firmware, Complexity.Medium)] = Impact.Moderate,
            [(ChangeType.Firmware, Complexity.Large)] = Impact.Moderate,
            [(ChangeType.BusinessCritical, Complexity.Small)] = Impact.Major,
            [(ChangeType.BusinessCritical, Complexity.Medium)] = Impact.Major,
            [(ChangeType.BusinessCritical, Complexity.Large)] = Impact.Major,
        }.ToFrozenDictionary(),
        Matrix = new Dictionary<(Impact, Probability), RiskStatus>
        {
            [(Impact.Major, Probability.Unlikely)] = RiskStatus.Green,
            [(Impact.Major, Probability.Likely)] = RiskStatus.Amber,
            [(Impact.Major, Probability.HighlyLikely)] = RiskStatus.Red,
            [(Impact.Moderate, Probability.Unlikely)] = RiskStatus.Green,
            [(Impact.Moderate, Probability.Likely)] = RiskStatus.Amber,
            [(Impact.Moderate, Probability.HighlyLikely)] = RiskStatus.Amber,
            [(Impact.Minor, Probability.Unlikely)] = RiskStatus.Green,
            [(Impact.Minor, Probability.Likely)] = RiskStatus.Green,
            [(Impact.Minor, Probability.HighlyLikely)] = RiskStatus.Green,
        }.ToFrozenDictionary(),
    };
}
