using System.Diagnostics;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace ChangeCoordination.HubLoad;

/// <summary>One moved day as the hub sends it (shared/API.md, "Live hub").</summary>
internal sealed record DayChange(string View, string Date, string Status, string ProvisionalStatus);

/// <summary>One hub client: a WebSocket connection to /hubs/heatmap and the time each DaysChanged arrived.</summary>
internal sealed class HubClient : IAsyncDisposable
{
    private readonly Lock gate = new();
    private readonly List<(long Ticks, DayChange[] Days)> received = [];
    private readonly HubConnection connection;
    private int closed;

    public HubClient(Uri hub, string token)
    {
        connection = new HubConnectionBuilder()
            .WithUrl(hub, HttpTransportType.WebSockets, o =>
            {
                o.SkipNegotiation = true;
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.PropertyNameCaseInsensitive = true)
            .Build();
        connection.On<DayChange[]>("DaysChanged", days =>
        {
            var now = Stopwatch.GetTimestamp();
            lock (gate)
            {
                received.Add((now, days));
            }
        });
        connection.Closed += _ =>
        {
            Interlocked.Exchange(ref closed, 1);
            return Task.CompletedTask;
        };
    }

    public bool Closed => Volatile.Read(ref closed) == 1;

    public int ReceivedCount
    {
        get
        {
            lock (gate)
            {
                return received.Count;
            }
        }
    }

    public bool Started { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await connection.StartAsync(cancellationToken);
        Started = true;
    }

    /// <summary>
    /// For each expected (date, Overall status) in order, the arrival time of the first not yet matched message that
    /// carries it, or null when none came (a lost message).
    /// </summary>
    public long?[] Match(IReadOnlyList<(string Date, string Status)> expected)
    {
        var byKey = new Dictionary<(string, string), Queue<long>>();
        lock (gate)
        {
            foreach (var (ticks, days) in received)
            {
                foreach (var day in days)
                {
                    if (day.View == "overall")
                    {
                        var key = (day.Date, day.Status);
                        if (!byKey.TryGetValue(key, out var queue))
                        {
                            byKey[key] = queue = new Queue<long>();
                        }

                        queue.Enqueue(ticks);
                    }
                }
            }
        }

        var result = new long?[expected.Count];
        for (var i = 0; i < expected.Count; i++)
        {
            if (byKey.TryGetValue(expected[i], out var queue) && queue.TryDequeue(out var ticks))
            {
                result[i] = ticks;
            }
        }

        return result;
    }

    public async ValueTask DisposeAsync() => await connection.DisposeAsync();
}
