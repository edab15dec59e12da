using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChangeCoordination.EndToEnd;

/// <summary>Two app servers on PostgreSQL with Redis between them and nginx in front (<see cref="ServerFarm"/>).</summary>
public sealed partial class MultiServerTests(ServerFarm farm) : IClassFixture<ServerFarm>
{
    [Fact]
    public async Task A_write_through_one_server_reaches_the_others_viewers_and_losing_Redis_loses_no_day()
    {
        var start = TestClock.Today.AddDays(40);
        var (heard, outage, other) = (start, start.AddDays(1), start.AddDays(2));
        var context = await farm.BrowserOnAsync(farm.Second);
        var page = await SignInAsync(context, "Maya Singh", $"/heatmap?range=custom&from={Iso(start)}&to={Iso(start.AddDays(6))}");
        var received = new ConcurrentQueue<string>();
        await using var hub = await HubOnAsync(farm.Second, received);
        using var throughFirst = await farm.First.ApiClientAsync("user@supplier-a.example");
        using var throughSecond = await farm.Second.ApiClientAsync("user@supplier-b.example");

        await NotifyAsync(throughFirst, heard);

        await Expect(page.Locator(Cell(heard))).ToHaveClassAsync(GreenMayRise());
        await SoonAsync(() => Task.FromResult(received.ToArray()), r => r.Contains($"overall {Iso(heard)} Green"), "the hub client on the second server to hear the first server's write");

        farm.Redis.Stop();
        try
        {
            await BothAsync(s => BusIsAsync(s, "Degraded"), "both servers to report the bus lost");
            await NotifyAsync(throughSecond, outage);
            await NotifyAsync(throughFirst, other);
            Assert.Equal("White", await StatusOnAsync(farm.First, outage));
            Assert.Equal("White", await StatusOnAsync(farm.Second, other));
            await Expect(page.Locator(Cell(outage))).ToHaveClassAsync(GreenMayRise());
            var wall = await context.NewPageAsync();
            await wall.GotoAsync("/wall");
            await Expect(wall.Locator("#live-bar")).ToHaveClassAsync(new Regex("not-live"));
            await Expect(wall.Locator("#live-text")).ToContainTextAsync("this server has lost the other servers");
            await LiveApp.ScreenshotAsync(wall, "multi-server-wall-bus-lost");
            await wall.CloseAsync();
        }
        finally
        {
            farm.Redis.Start();
        }

        await BothAsync(s => BusIsAsync(s, "Healthy"), "both servers to report the bus back");

        await SoonAsync(
            async () => (await RangeOnAsync(farm.First, start, start.AddDays(6)), await RangeOnAsync(farm.Second, start, start.AddDays(6))),
            both => both.Item1 == both.Item2 && both.Item1.Contains($"{Iso(other)}:Green", StringComparison.Ordinal) && both.Item1.Contains($"{Iso(outage)}:Green", StringComparison.Ordinal),
            "both servers to agree on every day, the outage's writes included");
        await Expect(page.Locator(Cell(other))).ToHaveClassAsync(GreenMayRise());
        await SoonAsync(() => Task.FromResult(received.ToArray()), r => r.Contains($"overall {Iso(other)} Green"), "the hub client on the second server to hear the write made while Redis was down");
        await LiveApp.ScreenshotAsync(page, "multi-server-heatmap");
    }

    [Fact]
    public async Task nginx_keeps_a_browser_on_one_server_whose_wall_display_is_live()
    {
        var context = await farm.BrowserOnAsync(farm.First);

        for (var i = 0; i < 5; i++)
        {
            var probe = await context.APIRequest.GetAsync("/health/ready");
            Assert.Contains("Server first ", await probe.TextAsync(), StringComparison.Ordinal);
        }

        await BothAsync(s => BusIsAsync(s, "Healthy"), "both servers to be on the bus");
        var page = await SignInAsync(context, "Maya Singh", "/wall");
        await Expect(page.Locator("#live-bar")).Not.ToHaveClassAsync(new Regex("not-live"));
        await LiveApp.ScreenshotAsync(page, "multi-server-wall");
    }

    private static async Task<IPage> SignInAsync(IBrowserContext context, string displayName, string path)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await page.GetByRole(AriaRole.Button, new() { Name = displayName }).ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(new Regex("/account/signin"));
        await LiveApp.WaitUntilInteractiveAsync(page);
        return page;
    }

    private static async Task<HubConnection> HubOnAsync(AppServer server, ConcurrentQueue<string> received)
    {
        using var client = await server.ApiClientAsync("wall@dcc.example");
        var token = client.DefaultRequestHeaders.Authorization!.Parameter;
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.Address, "/hubs/heatmap"), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.AccessTokenProvider = () => Task.FromResult(token);
            })
            .Build();
        connection.On<JsonElement>("DaysChanged", days =>
        {
            foreach (var day in days.EnumerateArray())
            {
                received.Enqueue($"{day.GetProperty("view").GetString()} {day.GetProperty("date").GetString()} {day.GetProperty("status").GetString()}");
            }
        });
        await connection.StartAsync();
        return connection;
    }

    private static async Task NotifyAsync(HttpClient client, DateOnly day)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/changes", new
        {
            kind = "Planned",
            type = "BusinessCritical",
            start = $"{Iso(day)}T20:00:00Z",
            end = $"{Iso(day)}T22:00:00Z",
            description = "Customer migration between billing platforms",
        });
        response.EnsureSuccessStatusCode();
    }

    private static async Task<string> StatusOnAsync(AppServer server, DateOnly day) =>
        (await RangeOnAsync(server, day, day)).Split(':', '/')[1];

    /// <summary>The Overall days of a range as one line, <c>date:status/provisional</c> each, read from one server.</summary>
    private static async Task<string> RangeOnAsync(AppServer server, DateOnly from, DateOnly to)
    {
        using var client = await server.ApiClientAsync("manager@dcc.example");
        var answer = await client.GetFromJsonAsync<JsonElement>($"/api/v1/heatmap?view=overall&from={Iso(from)}&to={Iso(to)}");
        return string.Join(' ', answer.GetProperty("days").EnumerateArray()
            .Select(d => $"{d.GetProperty("date").GetString()}:{d.GetProperty("status").GetString()}/{d.GetProperty("provisionalStatus").GetString()}"));
    }

    private static async Task<bool> BusIsAsync(AppServer server, string status)
    {
        var readiness = await server.ReadinessAsync();
        return readiness.GetProperty("checks").EnumerateArray()
            .Any(c => c.GetProperty("name").GetString() == "live-bus" && c.GetProperty("status").GetString() == status);
    }

    private async Task BothAsync(Func<AppServer, Task<bool>> condition, string what) =>
        await SoonAsync(async () => await condition(farm.First) && await condition(farm.Second), done => done, what);

    /// <summary>Redis reconnects within a few seconds; two app servers on two busy cores may take longer to catch up.</summary>
    private static Task<T> SoonAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what) =>
        Eventually.ReadAsync(read, done, what, TimeSpan.FromSeconds(20));

    private static string Cell(DateOnly day) => $"td:has(a[data-date='{Iso(day)}'])";

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [GeneratedRegex("st-green.*may-rise")]
    private static partial Regex GreenMayRise();
}
