using ChangeCoordination.Core.Risk;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ChangeCoordination.Core.Tests;

public class StatedProbabilityProperties
{
    private static readonly Gen<double> Share = Gen.Choose(0, 10_000).Select(n => n / 10_000.0);

    [Property]
    public Property The_suggested_word_states_the_probability_nearest_the_share() => Prop.ForAll(
        Arb.From(Share),
        share =>
        {
            var suggested = StatedProbability.Nearest(share);

            Assert.All(Enum.GetValues<Probability>(), other =>
                Assert.True(Math.Abs(StatedProbability.Of(suggested) - share) <= Math.Abs(StatedProbability.Of(other) - share), $"{other} is nearer {share} than {suggested}"));
        });

    [Property]
    public Property A_larger_share_never_suggests_a_lower_word() => Prop.ForAll(
        Arb.From(Share),
        Arb.From(Share),
        (a, b) => Assert.True(StatedProbability.Nearest(Math.Min(a, b)) <= StatedProbability.Nearest(Math.Max(a, b))));

    [Theory]
    [InlineData(0.15, Probability.Unlikely)]
    [InlineData(0.46, Probability.Unlikely)]
    [InlineData(0.47, Probability.Likely)]
    [InlineData(0.74, Probability.Likely)]
    [InlineData(0.76, Probability.HighlyLikely)]
    [InlineData(1.0, Probability.HighlyLikely)]
    public void The_words_divide_at_the_midpoints_between_what_they_state(double share, Probability expected) =>
        Assert.Equal(expected, StatedProbability.Nearest(share));

    [Fact]
    public void Each_word_suggests_itself_from_the_probability_it_states() =>
        Assert.All(Enum.GetValues<Probability>(), p => Assert.Equal(p, StatedProbability.Nearest(StatedProbability.Of(p))));
}
