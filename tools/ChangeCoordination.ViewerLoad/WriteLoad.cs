using System.Diagnostics;
using ChangeCoordination.LoadTools;

namespace ChangeCoordination.ViewerLoad;

/// <summary>What a sustained run of change submissions achieved.</summary>
internal sealed record WriteLoadResult(
    int Planned,
    int Ok,
    IReadOnlyDictionary<int, int> Failures,
    TimeSpan Elapsed,
    Distribution Latency,
    Distribution StartLag,
    int StartedLate);

/// <summary>
/// POST /api/v1/changes as the three demo DCC Users, open loop: request i starts at t0 + i / rate whatever the
/// earlier ones are doing, with at most <c>maxInFlight</c> outstanding (a request that finds none free waits, and
/// counts as started late). Latency is from sending the request to its whole response.
/// </summary>
internal static class WriteLoad
{
    private static readonly string[] Types = ["UserSystem", "Firmware", "BusinessCritical"];

    public static async Task<WriteLoadResult> RunAsync(
        DemoApi api,
        IReadOnlyList<string> tokens,
        IReadOnlyList<DateOnly> days,
        double rate,
        int seconds,
        int maxInFlight,
        CancellationToken cancellationToken)
    {
        var planned = (int)Math.Round(rate * seconds);
        var results = new ApiResult?[planned];
        var lags = new double[planned];
        var late = 0;
        using var slots = new SemaphoreSlim(maxInFlight);
        var running = new List<Task>(planned);
        var period = Stopwatch.Frequency / rate;
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < planned && !cancellationToken.IsCancellationRequested; i++)
        {
            var due = started + (long)(i * period);
            for (var nap = 0; nap < 3; nap++)
            {
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait <= TimeSpan.Zero)
                {
                    break;
                }

                await Task.Delay(wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait, cancellationToken);
            }

            if (!slots.Wait(0, CancellationToken.None))
            {
                late++;
                await slots.WaitAsync(cancellationToken);
            }

            lags[i] = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
            var index = i;
            running.Add(Task.Run(
                async () =>
                {
                    try
                    {
                        results[index] = await api.NotifyAsync(
                            tokens[index % tokens.Count],
                            days[index % days.Count],
                            Types[index % Types.Length],
                            "Load test: sustained notification of changes while viewers watch",
                            cancellationToken);
                    }
                    finally
                    {
                        slots.Release();
                    }
                },
                CancellationToken.None));
        }

        await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var done = results.Where(r => r is not null).Select(r => r!).ToList();
        return new WriteLoadResult(
            planned,
            done.Count(r => r.Ok),
            done.Where(r => !r.Ok).GroupBy(r => r.Status).ToDictionary(g => g.Key, g => g.Count()),
            elapsed,
            new Distribution(done.Where(r => r.Ok).Select(r => r.Milliseconds)),
            new Distribution(lags),
            late);
    }
}
