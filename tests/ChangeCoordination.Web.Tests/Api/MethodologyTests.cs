using ChangeCoordination.Web.Tests.Infrastructure;

namespace ChangeCoordination.Web.Tests.Api;

public sealed class MethodologyTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_methodology_in_force_publishes_the_numbers_the_rules_use()
    {
        var user = await app.ClientForAsync(DemoUsers.SupplierB);

        var methodology = await user.GetJsonAsync("/api/v1/methodology");

        Assert.Equal("1.0", methodology.Text("version"));
        Assert.Equal(3, methodology.GetProperty("mediumFromHours").GetDouble());
        Assert.Equal(6, methodology.GetProperty("largeAboveHours").GetDouble());
        Assert.Equal(20, methodology.GetProperty("noticeWorkingDays").GetInt32());
        Assert.Contains(methodology.GetProperty("matrix").EnumerateArray(), c => c.Text("impact") == "Major" && c.Text("probability") == "HighlyLikely" && c.Text("risk") == "Red");
        Assert.Contains(methodology.GetProperty("impacts").EnumerateArray(), i => i.Text("type") == "Firmware" && i.Text("complexity") == "Small" && i.Text("impact") == "Moderate");
        Assert.Equal(
            ["Green 1-6", "Amber 7-14", "Red 15-25"],
            methodology.GetProperty("internalScoreRanges").EnumerateArray().Select(r => $"{r.Text("risk")} {r.GetProperty("from").GetInt32()}-{r.GetProperty("to").GetInt32()}"));
    }
}
