using Bunit;
using ChangeCoordination.Core;
using ChangeCoordination.Web.Components.Status;

namespace ChangeCoordination.Web.Tests.Components;

public sealed class StatusChipTests : ComponentTest
{
    [Theory]
    [InlineData(RiskStatus.White, "st-white", "")]
    [InlineData(RiskStatus.Green, "st-green", "G")]
    [InlineData(RiskStatus.Amber, "st-amber", "A")]
    [InlineData(RiskStatus.Red, "st-red", "R")]
    public void Each_status_has_its_own_class_and_a_letter_so_it_reads_without_colour(RiskStatus status, string cssClass, string letter)
    {
        var chip = Render<StatusChip>(p => p.Add(c => c.Status, status));

        Assert.Contains(cssClass, chip.Find(".status-chip").ClassList);
        Assert.Equal(letter, chip.Find(".status-letter").TextContent);
    }

    [Fact]
    public void A_provisional_status_above_the_status_is_marked_may_rise_in_its_colour()
    {
        var chip = Render<StatusChip>(p => p.Add(c => c.Status, RiskStatus.Green).Add(c => c.Provisional, RiskStatus.Red));

        var element = chip.Find(".status-chip");
        Assert.Contains("may-rise", element.ClassList);
        Assert.Contains("rise-red", element.ClassList);
        Assert.Equal("Green, may rise to Red", element.GetAttribute("aria-label"));
    }

    [Fact]
    public void A_provisional_status_equal_to_the_status_is_not_marked()
    {
        var chip = Render<StatusChip>(p => p.Add(c => c.Status, RiskStatus.Amber).Add(c => c.Provisional, RiskStatus.Amber));

        Assert.DoesNotContain("may-rise", chip.Find(".status-chip").ClassList);
    }
}
