using System.Net;
using System.Text.Json;
using ChangeCoordination.Web.Tests.Infrastructure;

namespace ChangeCoordination.Web.Tests.Api;

/// <summary>Request bodies as real clients send them over the network: streamed, with no Content-Length.</summary>
public sealed class NetworkBodyTests(KestrelAppFactory app) : IClassFixture<KestrelAppFactory>
{
    [Fact]
    public async Task A_streamed_cancellation_reason_over_2000_characters_answers_400_naming_it_and_changes_nothing()
    {
        using var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var created = await supplier.NotifyAsync(Bodies.Change(TestDates.Next()));
        var body = JsonSerializer.Serialize(new { reason = new string('r', 2001) });

        using var response = await supplier.SendRawAsync(HttpMethod.Post, $"/api/v1/changes/{created.Reference()}/cancel", body, chunked: true);

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "reason");
        Assert.Equal(created.ToString(), (await supplier.GetJsonAsync($"/api/v1/changes/{created.Reference()}")).ToString());
    }

    [Fact]
    public async Task A_streamed_body_over_the_size_limit_answers_413_and_notifies_nothing()
    {
        using var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var before = (await supplier.GetJsonAsync("/api/v1/changes")).GetArrayLength();
        var body = JsonSerializer.Serialize(new { kind = "Planned", type = "UserSystem", description = new string('d', 300 * 1024) });

        using var response = await supplier.SendRawAsync(HttpMethod.Post, "/api/v1/changes", body, chunked: true);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(before, (await supplier.GetJsonAsync("/api/v1/changes")).GetArrayLength());
    }

    [Fact]
    public async Task A_streamed_cancellation_with_a_reason_cancels_the_change()
    {
        using var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var created = await supplier.NotifyAsync(Bodies.Change(TestDates.Next()));

        using var response = await supplier.SendRawAsync(HttpMethod.Post, $"/api/v1/changes/{created.Reference()}/cancel", "{\"reason\":\"Postponed\"}", chunked: true);

        Assert.Equal("Cancelled", (await response.ExpectAsync(HttpStatusCode.OK)).Text("status"));
    }

    [Fact]
    public async Task A_cancellation_without_a_body_cancels_the_change()
    {
        using var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var created = await supplier.NotifyAsync(Bodies.Change(TestDates.Next()));

        using var response = await supplier.PostAsync(new Uri($"/api/v1/changes/{created.Reference()}/cancel", UriKind.Relative), null);

        Assert.Equal("Cancelled", (await response.ExpectAsync(HttpStatusCode.OK)).Text("status"));
    }
}
