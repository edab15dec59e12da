using System.Net;
using ChangeCoordination.Web.Tests.Infrastructure;

namespace ChangeCoordination.Web.Tests.Api;

public sealed class FreezeWindowTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task An_assessor_declares_a_freeze_that_everyone_reads_and_can_withdraw_it()
    {
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var supplier = await app.ClientForAsync(DemoUsers.SupplierB);

        var created = await (await assessor.SendJsonAsync(HttpMethod.Post, "/api/v1/freeze-windows", new { title = "Christmas change freeze", from = "2026-12-21", to = "2027-01-03" }))
            .ExpectAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();

        Assert.Contains((await supplier.GetJsonAsync("/api/v1/freeze-windows")).EnumerateArray(), f => f.Text("title") == "Christmas change freeze" && f.Text("to") == "2027-01-03");
        Assert.Equal(HttpStatusCode.NoContent, (await assessor.DeleteAsync(new Uri($"/api/v1/freeze-windows/{id}", UriKind.Relative))).StatusCode);
        Assert.DoesNotContain((await supplier.GetJsonAsync("/api/v1/freeze-windows")).EnumerateArray(), f => f.GetProperty("id").GetInt32() == id);
        Assert.Equal(HttpStatusCode.NotFound, (await assessor.DeleteAsync(new Uri($"/api/v1/freeze-windows/{id}", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_freeze_ending_before_it_starts_is_refused_naming_to_and_nothing_is_declared()
    {
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var before = (await assessor.GetJsonAsync("/api/v1/freeze-windows")).GetArrayLength();

        var response = await assessor.SendJsonAsync(HttpMethod.Post, "/api/v1/freeze-windows", new { title = "BCDR test", from = "2027-02-10", to = "2027-02-09" });

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "to");
        Assert.Equal(before, (await assessor.GetJsonAsync("/api/v1/freeze-windows")).GetArrayLength());
    }

    [Fact]
    public async Task A_DCC_User_may_not_declare_a_freeze()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);

        var response = await supplier.SendJsonAsync(HttpMethod.Post, "/api/v1/freeze-windows", new { title = "Ours", from = "2027-02-10", to = "2027-02-10" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
