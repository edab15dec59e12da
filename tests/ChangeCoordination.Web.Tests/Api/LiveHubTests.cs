using System.Text.Json;
using ChangeCoordination.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChangeCoordination.Web.Tests.Api;

public sealed class LiveHubTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task An_assessment_sends_DaysChanged_with_exactly_the_days_that_moved_in_every_view()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var date = TestDates.Next();
        var created = await supplier.NotifyAsync(Bodies.Change(date, "BusinessCritical", hours: 6, startHour: 20));
        var token = await app.TokenForAsync(DemoUsers.Wall);
        var received = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, "/hubs/heatmap"), options =>
            {
                options.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                options.Transports = HttpTransportType.LongPolling;
                options.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
        connection.On<JsonElement>("DaysChanged", days => received.TrySetResult(days));
        await connection.StartAsync();

        await assessor.AssessAsync(created.Reference(), 1, "HighlyLikely");

        var days = await received.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var moved = days.EnumerateArray()
            .Select(d => $"{d.Text("view")} {d.Text("date")} {d.Text("status")}/{d.Text("provisionalStatus")}")
            .Order(StringComparer.Ordinal);
        var first = TestDates.Iso(date);
        var second = TestDates.Iso(date.AddDays(1));
        Assert.Equal(
            [
                $"overall {first} Red/Red",
                $"overall {second} Red/Red",
                $"user {first} Red/Red",
                $"user {second} Red/Red",
            ],
            moved);
    }

    [Fact]
    public async Task A_write_that_moves_no_day_status_sends_nothing()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var date = TestDates.Next();
        var token = await app.TokenForAsync(DemoUsers.SupplierB);
        var received = System.Threading.Channels.Channel.CreateUnbounded<JsonElement>();
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, "/hubs/heatmap"), options =>
            {
                options.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                options.Transports = HttpTransportType.LongPolling;
                options.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
        connection.On<JsonElement>("DaysChanged", days => received.Writer.TryWrite(days));
        await connection.StartAsync();
        var created = await supplier.NotifyAsync(Bodies.Change(date, "BusinessCritical"));
        await NextAboutAsync(received.Reader, date);

        await supplier.UpdateAsync(created.Reference(), 1, Bodies.Change(date, "BusinessCritical", description: "Reworded"));
        var marker = TestDates.Next();
        await supplier.NotifyAsync(Bodies.Change(marker));

        var days = await received.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.All(days.EnumerateArray(), d => Assert.Equal(TestDates.Iso(marker), d.Text("date")));
    }

    /// <summary>Waits for the message about <paramref name="date"/>, passing over any sent before it (by earlier tests' writes).</summary>
    private static async Task NextAboutAsync(System.Threading.Channels.ChannelReader<JsonElement> reader, DateOnly date)
    {
        while (true)
        {
            var days = await reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            if (days.EnumerateArray().Any(d => d.Text("date") == TestDates.Iso(date)))
            {
                return;
            }
        }
    }

    [Fact]
    public async Task The_hub_refuses_a_client_without_a_token()
    {
        var client = app.CreateClient();

        using var response = await client.PostAsync(new Uri("/hubs/heatmap/negotiate?negotiateVersion=1", UriKind.Relative), null);

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
