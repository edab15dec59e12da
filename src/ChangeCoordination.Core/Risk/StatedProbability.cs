namespace ChangeCoordination.Core.Risk;

/// <summary>
/// The probability each word states: the midpoints of the UK Professional Head of Intelligence Assessment yardstick
/// (unlikely 20-35%, likely 55-75%, highly likely 80-90%). It scores the assessments against what happened and turns
/// the share of similar changes that went wrong back into a word to suggest.
/// </summary>
public static class StatedProbability
{
    public static double Of(Probability probability) => probability switch
    {
        Probability.Unlikely => 0.275,
        Probability.Likely => 0.65,
        _ => 0.85,
    };

    /// <summary>The word whose stated probability lies nearest <paramref name="share"/>; halfway between two, the lower word.</summary>
    public static Probability Nearest(double share) =>
        Enum.GetValues<Probability>().MinBy(p => Math.Abs(Of(p) - share));
}
