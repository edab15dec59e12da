using System.Collections.Concurrent;
using ChangeCoordination.Web.Live;
using ChangeCoordination.Web.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChangeCoordination.Web.Tests.Live;

/// <summary>The bus between servers, over a real Redis server.</summary>
public sealed class LiveBusTests : IDisposable
{
    private readonly RedisServer redis = new();

    [Fact]
    public async Task News_announced_by_one_server_is_heard_by_the_other_and_not_by_itself()
    {
        await using var first = await StartAsync("first");
        await using var second = await StartAsync("second");
        var heardByFirst = Listen(first);
        var heardBySecond = Listen(second);

        first.Announce(new LiveNews(LiveNewsKind.Change, 42));
        first.Announce(new LiveNews(LiveNewsKind.SupportPlans, Dates: [new DateOnly(2027, 1, 12)]));

        var heard = await TestApi.EventuallyAsync(() => Task.FromResult(heardBySecond.ToArray()), n => n.Length == 2, "the second server to hear both");
        Assert.Equal((LiveNewsKind.Change, 42L, "first"), (heard[0].Kind, heard[0].Id, heard[0].Server));
        Assert.Equal([new DateOnly(2027, 1, 12)], heard[1].Dates);
        Assert.Empty(heardByFirst);
    }

    [Fact]
    public async Task Losing_Redis_makes_the_bus_Lost_and_its_return_makes_it_Connected_again_as_regained()
    {
        await using var bus = await StartAsync("server");
        var statuses = new ConcurrentQueue<LiveBusStatus>();
        using var subscription = bus.StatusChanged.Subscribe(s =>
        {
            statuses.Enqueue(s);
            return Task.CompletedTask;
        });

        redis.Stop();
        await TestApi.EventuallyAsync(() => Task.FromResult(bus.Status.State), s => s == LiveBusState.Lost, "the bus to be lost");
        bus.Announce(new LiveNews(LiveNewsKind.Change, 1));
        redis.Start();
        await TestApi.EventuallyAsync(() => Task.FromResult(bus.Status.State), s => s == LiveBusState.Connected, "the bus to come back");

        var connected = await TestApi.EventuallyAsync(() => Task.FromResult(statuses.LastOrDefault()), s => s?.State == LiveBusState.Connected, "the status to be published");
        Assert.True(connected!.Regained);
        Assert.Contains(statuses, s => s.State == LiveBusState.Lost);
    }

    [Fact]
    public async Task A_server_starting_while_Redis_is_down_starts_Lost_and_hears_the_others_once_Redis_comes()
    {
        redis.Stop();
        await using var late = new LiveBus(
            Options.Create(new LiveSettings { Redis = redis.Configuration, ServerName = "late", Channel = $"test:{redis.Port}" }),
            TimeProvider.System,
            NullLogger<LiveBus>.Instance);

        await late.StartAsync(CancellationToken.None);

        Assert.Equal(LiveBusState.Lost, late.Status.State);
        redis.Start();
        await TestApi.EventuallyAsync(() => Task.FromResult(late.Status), s => s.State == LiveBusState.Connected, "the late server to connect");
        Assert.True(late.Status.Regained);
        var heard = Listen(late);
        await using var other = await StartAsync("other");
        other.Announce(new LiveNews(LiveNewsKind.Freezes));
        await TestApi.EventuallyAsync(() => Task.FromResult(heard.ToArray()), h => h.Length == 1, "the late server to hear the other");
    }

    [Fact]
    public async Task Without_a_Redis_setting_the_bus_is_Off_and_announcing_does_nothing()
    {
        await using var bus = NoBus.Create();
        await bus.StartAsync(CancellationToken.None);

        bus.Announce(new LiveNews(LiveNewsKind.Resync));

        Assert.Equal(LiveBusState.Off, bus.Status.State);
    }

    public void Dispose() => redis.Dispose();

    private async Task<LiveBus> StartAsync(string name)
    {
        var bus = new LiveBus(
            Options.Create(new LiveSettings { Redis = redis.Configuration, ServerName = name, Channel = $"test:{redis.Port}" }),
            TimeProvider.System,
            NullLogger<LiveBus>.Instance);
        await bus.StartAsync(CancellationToken.None);
        Assert.Equal(LiveBusState.Connected, bus.Status.State);
        return bus;
    }

    private static ConcurrentQueue<LiveNews> Listen(LiveBus bus)
    {
        var heard = new ConcurrentQueue<LiveNews>();
        bus.Heard.Subscribe(news =>
        {
            heard.Enqueue(news);
            return Task.CompletedTask;
        });
        return heard;
    }
}
