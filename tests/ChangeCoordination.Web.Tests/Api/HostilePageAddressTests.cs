using System.Net;
using ChangeCoordination.Web.Tests.Infrastructure;

namespace ChangeCoordination.Web.Tests.Api;

/// <summary>A heatmap page's address is typed by anyone: dates at the ends of the calendar show a heatmap, never an error.</summary>
public sealed class HostilePageAddressTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("/heatmap?range=custom&from=9999-12-01&to=9999-12-31")]
    [InlineData("/heatmap?range=custom&from=0001-01-01")]
    [InlineData("/methodology/versions/1.0/what-if?range=custom&from=9999-12-31")]
    public async Task A_heatmap_address_with_dates_beyond_the_planning_horizon_shows_this_month(string address)
    {
        var manager = await app.PageClientForAsync(DemoUsers.Manager);

        using var response = await manager.GetAsync(new Uri(address, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var month = TestClock.Today.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"data-date=\"{month}-01\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
