using ChangeCoordination.Core.Risk;

namespace ChangeCoordination.Core.Tests;

public class RiskRulesTests
{
    [Theory]
    [InlineData(179, Complexity.Small)]
    [InlineData(180, Complexity.Medium)]
    [InlineData(360, Complexity.Medium)]
    [InlineData(361, Complexity.Large)]
    public void Complexity_follows_the_3_and_6_hour_edges(int minutes, Complexity expected) =>
        Assert.Equal(expected, RiskRules.ComplexityOf(TimeSpan.FromMinutes(minutes), Methodology.Default));
}
