using System.Net;
using System.Net.Http.Json;
using ChangeCoordination.Web.Tests.Infrastructure;

namespace ChangeCoordination.Web.Tests;

public sealed class SmokeTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_DCC_User_notifies_a_change_and_the_heatmap_shows_its_day()
    {
        var day = TestDates.Next();
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var created = await supplier.PostAsJsonAsync("/api/v1/changes", new
        {
            kind = "Planned",
            type = "BusinessCritical",
            start = London.Text(London.At(day, 20)),
            end = London.Text(London.At(day, 23)),
            description = "Billing platform cut-over",
        });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var heatmap = await supplier.GetStringAsync($"/api/v1/heatmap?view=user&from={TestDates.Iso(day)}&to={TestDates.Iso(day)}");
        Assert.Contains("\"status\":\"Green\",\"provisionalStatus\":\"Red\"", heatmap, StringComparison.Ordinal);
    }
}
