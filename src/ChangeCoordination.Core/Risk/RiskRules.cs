namespace ChangeCoordination.Core.Risk;

/// <summary>The lowest and highest risk a change can take: equal once it is assessed.</summary>
public readonly record struct RiskRange(RiskStatus Lowest, RiskStatus Highest)
{
    public bool IsKnown => Lowest == Highest;
}

/// <summary>Complexity, impact and risk (DOMAIN.md), as pure functions of a methodology.</summary>
public static class RiskRules
{
    public const int MinScore = 1;
    public const int MaxScore = 5;

    public static Complexity ComplexityOf(TimeSpan duration, Methodology methodology)
    {
        if (duration < methodology.MediumFrom)
        {
            return Complexity.Small;
        }

        return duration <= methodology.LargeAbove ? Complexity.Medium : Complexity.Large;
    }

    public static Impact ImpactOf(ChangeType type, Complexity complexity, Methodology methodology) =>
        methodology.Impacts[(type, complexity)];

    public static Impact ImpactOf(ChangeType type, OutageWindow window, Methodology methodology) =>
        ImpactOf(type, ComplexityOf(window.Duration, methodology), methodology);

    public static RiskStatus RiskOf(Impact impact, Probability probability, Methodology methodology) =>
        methodology.Matrix[(impact, probability)];

    /// <summary>Before assessment: the Unlikely column to the HighlyLikely column; after it, one status.</summary>
    public static RiskRange RangeOf(Impact impact, Probability? probability, Methodology methodology)
    {
        if (probability is { } assessed)
        {
            var risk = RiskOf(impact, assessed, methodology);
            return new RiskRange(risk, risk);
        }

        var statuses = Enum.GetValues<Probability>().Select(p => RiskOf(impact, p, methodology)).ToArray();
        return new RiskRange(statuses.Min(), statuses.Max());
    }

    /// <summary>A DCC internal change: impact score x probability score (1..25) mapped by the score ranges.</summary>
    public static RiskStatus InternalRiskOf(int impactScore, int probabilityScore, Methodology methodology)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(impactScore, MinScore);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(impactScore, MaxScore);
        ArgumentOutOfRangeException.ThrowIfLessThan(probabilityScore, MinScore);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(probabilityScore, MaxScore);
        var score = impactScore * probabilityScore;
        if (score <= methodology.InternalGreenMax)
        {
            return RiskStatus.Green;
        }

        return score <= methodology.InternalAmberMax ? RiskStatus.Amber : RiskStatus.Red;
    }
}
