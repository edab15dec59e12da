using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using System.Text.Json;
using ChangeCoordination.Web.Observability;
using StackExchange.Redis;

namespace ChangeCoordination.Web.Live;

/// <summary>The <c>Live</c> configuration section.</summary>
public sealed class LiveSettings : IValidatableObject
{
    /// <summary>
    /// A StackExchange.Redis configuration string (<c>host:port,password=...,ssl=true</c>). Set on every server of a
    /// farm; unset on a single server, which then needs no bus.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>The Redis channel the servers of one installation share.</summary>
    public string Channel { get; set; } = "change-coordination:live";

    /// <summary>This server's name on the bus and in its log; by default the machine's name and the process id.</summary>
    [StringLength(100)]
    public string? ServerName { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Channel))
        {
            yield return new ValidationResult("Live:Channel names the Redis channel the servers of one installation share; leave it unset for the default.", [nameof(Channel)]);
        }

        // The string may hold the password, so the message never repeats it.
        if (!string.IsNullOrWhiteSpace(Redis) && !Readable(Redis))
        {
            yield return new ValidationResult("Live:Redis is not a StackExchange.Redis configuration string: write host:port, then any options, such as redis:6379,password=...,ssl=true.", [nameof(Redis)]);
        }
    }

    private static bool Readable(string configuration)
    {
        try
        {
            return ConfigurationOptions.Parse(configuration).EndPoints.Count > 0;
        }
        catch (Exception exception) when (exception is ArgumentException or RedisConnectionException or FormatException)
        {
            return false;
        }
    }
}

/// <summary>What a write changed, told to the other servers so that they bring their in-memory state in line.</summary>
public enum LiveNewsKind
{
    /// <summary>A DCC User's change was written: <see cref="LiveNews.Id"/> is its id.</summary>
    Change,

    /// <summary>A DCC internal change was written: <see cref="LiveNews.Id"/> is its id.</summary>
    InternalChange,

    /// <summary>The rule book changed: an approved methodology version or the bank holidays.</summary>
    Rules,

    /// <summary>A freeze window was declared or withdrawn.</summary>
    Freezes,

    /// <summary>The service-request variant table was replaced.</summary>
    Variants,

    /// <summary>A person's role, organisation or grant changed.</summary>
    People,

    /// <summary>The support plans of <see cref="LiveNews.Dates"/> changed.</summary>
    SupportPlans,

    /// <summary><see cref="LiveNews.Recipients"/> have new notifications.</summary>
    Notifications,

    /// <summary>A server came back to the bus: every server reads its state from the database again.</summary>
    Resync,
}

/// <summary>One message on the bus; <c>TraceParent</c> is the W3C trace context of the write that caused it.</summary>
public sealed record LiveNews(
    LiveNewsKind Kind,
    long Id = 0,
    IReadOnlyList<DateOnly>? Dates = null,
    IReadOnlyList<string>? Recipients = null,
    string? Server = null,
    string? TraceParent = null);

public enum LiveBusState
{
    /// <summary>No bus is configured: a single server, which hears all its writes itself.</summary>
    Off,

    /// <summary>Connected to Redis: this server hears every server's writes.</summary>
    Connected,

    /// <summary>Redis is configured but not reachable: this server serves its own writes and misses the others'.</summary>
    Lost,
}

/// <param name="State">Where the bus stands.</param>
/// <param name="Since">When it moved there.</param>
/// <param name="Regained">Connected again after being lost (or after starting without Redis): this server's writes of the meantime were not announced.</param>
public sealed record LiveBusStatus(LiveBusState State, DateTimeOffset Since, bool Regained = false);

/// <summary>A feed whose publisher is its owner.</summary>
public sealed class LiveFeed<T>(ILogger logger) : Feed<T>(logger)
{
    public void Publish(T item) => PublishToAll(item);
}

/// <summary>
/// The bus between the servers of one installation: Redis pub/sub on one channel. A write's service announces what it
/// changed after its commit; every other server hears it on <see cref="Heard"/> (in order) and reads the change from
/// the shared database. Announcing never blocks or fails a write: while Redis is lost nothing is sent, and when it
/// returns, <see cref="StatusChanged"/> tells this server to read its whole state again and the other servers to do
/// the same (<see cref="LiveNewsKind.Resync"/>), so that no write made meanwhile, on any server, is missed.
/// </summary>
public sealed partial class LiveBus : IHostedService, IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private static readonly TimeSpan ResyncRetry = TimeSpan.FromSeconds(2);

    private readonly LiveSettings settings;
    private readonly TimeProvider clock;
    private readonly ILogger<LiveBus> logger;
    private readonly string server;
    private readonly Lock gate = new();
    private ConnectionMultiplexer? redis;
    private LiveBusStatus status;
    private int askingForResync;
    private bool subscribed;

    public LiveBus(Microsoft.Extensions.Options.IOptions<LiveSettings> options, TimeProvider clock, ILogger<LiveBus> logger)
    {
        settings = options.Value;
        this.clock = clock;
        this.logger = logger;
        server = string.IsNullOrWhiteSpace(settings.ServerName) ? $"{Environment.MachineName}-{Environment.ProcessId}" : settings.ServerName;
        status = new LiveBusStatus(string.IsNullOrWhiteSpace(settings.Redis) ? LiveBusState.Off : LiveBusState.Lost, clock.GetUtcNow());
        Heard = new LiveFeed<LiveNews>(logger);
        StatusChanged = new LiveFeed<LiveBusStatus>(logger);
    }

    /// <summary>What the other servers announced, in the order they announced it.</summary>
    public LiveFeed<LiveNews> Heard { get; }

    /// <summary>Told when this server loses or regains the bus.</summary>
    public LiveFeed<LiveBusStatus> StatusChanged { get; }

    public LiveBusStatus Status
    {
        get
        {
            lock (gate)
            {
                return status;
            }
        }
    }

    public string ServerName => server;

    /// <summary>How the anonymous readiness probe names this server: by its configured name only, never by host and process.</summary>
    public string ProbeName => string.IsNullOrWhiteSpace(settings.ServerName) ? "This server" : $"Server {settings.ServerName}";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(settings.Redis))
        {
            return;
        }

        var configuration = ConfigurationOptions.Parse(settings.Redis);
        configuration.AbortOnConnectFail = false;
        configuration.ReconnectRetryPolicy ??= new LinearRetry(1000);
        configuration.ClientName ??= $"change-coordination-{server}";
        redis = await ConnectionMultiplexer.ConnectAsync(configuration);
        redis.ConnectionFailed += (_, e) =>
        {
            if (e.ConnectionType == ConnectionType.Subscription)
            {
                Move(LiveBusState.Lost, regained: false);
            }
        };
        redis.ConnectionRestored += (_, e) =>
        {
            // Before the first subscription, the subscriber loop says when the bus is up.
            if (e.ConnectionType == ConnectionType.Subscription && Volatile.Read(ref subscribed))
            {
                Move(LiveBusState.Connected, regained: true);
            }
        };

        if (!await TrySubscribeAsync(redis))
        {
            // Redis is not there yet: serve without it, and subscribe when it comes (the host must not fail to start).
            LogLost(logger, server);
            _ = SubscribeWhenPossibleAsync(redis);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Subscribes to the channel (StackExchange.Redis restores it after every later reconnection).</summary>
    private async Task<bool> TrySubscribeAsync(ConnectionMultiplexer connection, bool regained = false)
    {
        try
        {
            var queue = await connection.GetSubscriber().SubscribeAsync(RedisChannel.Literal(settings.Channel));
            queue.OnMessage(message => Receive(message.Message));
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            return false;
        }

        Volatile.Write(ref subscribed, true);
        Move(LiveBusState.Connected, regained);
        return true;
    }

    private async Task SubscribeWhenPossibleAsync(ConnectionMultiplexer connection)
    {
        try
        {
            while (!await TrySubscribeAsync(connection, regained: true))
            {
                await Task.Delay(ResyncRetry, clock);
            }
        }
        catch (ObjectDisposedException)
        {
            // The server is stopping.
        }
    }

    /// <summary>Tells the other servers what this server's committed write changed; never throws.</summary>
    public void Announce(LiveNews news)
    {
        if (redis is not { } connection || Status.State != LiveBusState.Connected)
        {
            return;
        }

        var payload = JsonSerializer.SerializeToUtf8Bytes(news with { Server = server, TraceParent = Activity.Current?.Id }, Json);
        _ = PublishAsync(connection, payload);
    }

    public async ValueTask DisposeAsync()
    {
        Heard.Dispose();
        StatusChanged.Dispose();
        if (redis is not null)
        {
            await redis.DisposeAsync();
        }
    }

    private async Task PublishAsync(ConnectionMultiplexer connection, byte[] payload)
    {
        try
        {
            await connection.GetSubscriber().PublishAsync(RedisChannel.Literal(settings.Channel), payload);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            LogPublishFailed(logger, exception);
            _ = AskForResyncAsync(connection);
        }
    }

    /// <summary>
    /// A write's news was lost on the way: until Redis takes a message again, keep asking every server to read its
    /// state from the database, which holds the write.
    /// </summary>
    private async Task AskForResyncAsync(ConnectionMultiplexer connection)
    {
        if (Interlocked.Exchange(ref askingForResync, 1) == 1)
        {
            return;
        }

        var payload = JsonSerializer.SerializeToUtf8Bytes(new LiveNews(LiveNewsKind.Resync, Server: server), Json);
        try
        {
            while (true)
            {
                try
                {
                    await connection.GetSubscriber().PublishAsync(RedisChannel.Literal(settings.Channel), payload);
                    return;
                }
                catch (Exception exception) when (exception is RedisException or TimeoutException)
                {
                    await Task.Delay(ResyncRetry, clock);
                }
            }
        }
        catch (ObjectDisposedException)
        {
            // The server is stopping.
        }
        finally
        {
            Volatile.Write(ref askingForResync, 0);
        }
    }

    private void Receive(RedisValue message)
    {
        LiveNews? news;
        try
        {
            news = JsonSerializer.Deserialize<LiveNews>((byte[])message!, Json);
        }
        catch (JsonException exception)
        {
            LogUnreadable(logger, exception);
            return;
        }

        if (news is not null && news.Server != server)
        {
            // The announcing server's write caused this: what this server does about it continues that write's trace.
            using var activity = ActivityContext.TryParse(news.TraceParent, null, out var cause)
                ? AppActivities.Source.StartActivity("live.heard", ActivityKind.Consumer, cause)
                : null;
            activity?.SetTag("cc.news", news.Kind.ToString());
            Heard.Publish(news);
        }
    }

    private void Move(LiveBusState state, bool regained)
    {
        LiveBusStatus moved;
        lock (gate)
        {
            if (status.State == state)
            {
                return;
            }

            status = moved = new LiveBusStatus(state, clock.GetUtcNow(), regained);
        }

        if (state == LiveBusState.Lost)
        {
            LogLost(logger, server);
        }
        else
        {
            LogConnected(logger, server);
        }

        StatusChanged.Publish(moved);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Server {Server} has no connection to the live bus (Redis): it serves its own writes and will read the others' from the database when the bus returns.")]
    private static partial void LogLost(ILogger logger, string server);

    [LoggerMessage(Level = LogLevel.Information, Message = "Server {Server} is connected to the live bus (Redis).")]
    private static partial void LogConnected(ILogger logger, string server);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A write could not be announced on the live bus; the other servers will read it when the bus returns.")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A message on the live bus could not be read; it was ignored.")]
    private static partial void LogUnreadable(ILogger logger, Exception exception);
}
