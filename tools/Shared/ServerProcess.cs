using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;

namespace ChangeCoordination.LoadTools;

/// <summary>The managed heap right after a full blocking GC: what is really alive.</summary>
internal sealed record GcHeapReading(long TotalBytes, long Gen0Bytes, long Gen1Bytes, long Gen2Bytes, long LohBytes, long PohBytes);

/// <summary>
/// What Linux and the .NET runtime say about another process on this machine: resident memory and CPU time from
/// <c>/proc</c>, and the live managed heap after a full GC that an EventPipe session asks the runtime for (the
/// <c>GCHeapCollect</c> keyword, as dotnet-gcdump does), read from the <c>GCHeapStats</c> event.
/// </summary>
internal sealed class ServerProcess(int pid)
{
    /// <summary>Linux reports CPU times in USER_HZ ticks, 100 a second on every architecture .NET runs on.</summary>
    private const double TicksPerSecond = 100;

    public int Pid { get; } = pid;

    public bool Exists => File.Exists($"/proc/{Pid}/status");

    /// <summary>VmRSS: the resident set, in bytes.</summary>
    public long RssBytes() => StatusKilobytes("VmRSS:") * 1024;

    public int Threads() => (int)StatusKilobytes("Threads:");

    /// <summary>utime + stime: CPU time the process has used so far, user and kernel, all threads.</summary>
    public TimeSpan CpuTime() => CpuTimeOf(Pid) ?? throw new InvalidOperationException($"Process {Pid} is gone.");

    public static TimeSpan? CpuTimeOf(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        // Fields after the command name (which may hold spaces) start at field 3, state.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
        var stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds((utime + stime) / TicksPerSecond);
    }

    /// <summary>CPU time of every live process descended from <paramref name="root"/> (not the root itself).</summary>
    public static TimeSpan DescendantsCpuTime(int root) =>
        Descendants(root).Aggregate(TimeSpan.Zero, (total, p) => total + (CpuTimeOf(p.Pid) ?? TimeSpan.Zero));

    /// <summary>Every live process descended from <paramref name="root"/> (not the root itself), with its command name.</summary>
    public static IReadOnlyList<(int Pid, string Command)> Descendants(int root)
    {
        var processes = new Dictionary<int, (int Parent, string Command)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var open = stat.IndexOf('(', StringComparison.Ordinal);
                var close = stat.LastIndexOf(')');
                var fields = stat[(close + 2)..].Split(' ');
                processes[pid] = (int.Parse(fields[1], CultureInfo.InvariantCulture), stat[(open + 1)..close]);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        var result = new List<(int, string)>();
        foreach (var (pid, (parent, command)) in processes)
        {
            var ancestor = parent;
            for (var depth = 0; depth < 64 && ancestor > 1; depth++)
            {
                if (ancestor == root)
                {
                    result.Add((pid, command));
                    break;
                }

                if (!processes.TryGetValue(ancestor, out var up))
                {
                    break;
                }

                ancestor = up.Parent;
            }
        }

        return result;
    }

    /// <summary>Asks the runtime for a full blocking GC and returns the heap it leaves, or null when it does not answer in time.</summary>
    public async Task<GcHeapReading?> ForceFullGcAsync(TimeSpan timeout)
    {
        var client = new DiagnosticsClient(Pid);
        var keywords = (long)(ClrTraceEventParser.Keywords.GC | ClrTraceEventParser.Keywords.GCHeapCollect);
        var providers = new[] { new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, keywords) };
        using var stop = new CancellationTokenSource(timeout);
        using var session = await client.StartEventPipeSessionAsync(providers, requestRundown: false, circularBufferMB: 64, stop.Token);
        var reading = new TaskCompletionSource<GcHeapReading>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var source = new EventPipeEventSource(session.EventStream);
        var fullGcSeen = false;
        source.Clr.GCStart += e => fullGcSeen |= e.Depth == 2;
        source.Clr.GCHeapStats += e =>
        {
            if (fullGcSeen)
            {
                reading.TrySetResult(new GcHeapReading(
                    e.TotalHeapSize + e.GenerationSize4,
                    e.GenerationSize0,
                    e.GenerationSize1,
                    e.GenerationSize2,
                    e.GenerationSize3,
                    e.GenerationSize4));
            }
        };
        var processing = Task.Run(source.Process, CancellationToken.None);
        var finished = await Task.WhenAny(reading.Task, Task.Delay(timeout, CancellationToken.None));
        try
        {
            await session.StopAsync(CancellationToken.None);
        }
        catch (ServerNotAvailableException)
        {
        }

        await Task.WhenAny(processing, Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None));
        return finished == reading.Task ? await reading.Task : null;
    }

    /// <summary>A labelled memory reading: RSS, and the heap after a forced full GC when <paramref name="gc"/> is set.</summary>
    public async Task<MemoryReading> MemoryAsync(string label, bool gc)
    {
        GcHeapReading? heap = null;
        if (gc)
        {
            heap = await ForceFullGcAsync(TimeSpan.FromSeconds(20));
            await Task.Delay(200);
        }

        var reading = new MemoryReading(label, RssBytes(), heap);
        Console.WriteLine($"  memory [{label}]: RSS {Units.Mib(reading.RssBytes)}, GC heap after full GC {(heap is null ? "n/a" : Units.Mib(heap.TotalBytes))}");
        return reading;
    }

    private long StatusKilobytes(string key)
    {
        foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
        {
            if (line.StartsWith(key, StringComparison.Ordinal))
            {
                var value = line[key.Length..].Trim();
                var space = value.IndexOf(' ', StringComparison.Ordinal);
                return long.Parse(space < 0 ? value : value[..space], CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"/proc/{Pid}/status has no {key}");
    }
}

internal sealed record MemoryReading(string Label, long RssBytes, GcHeapReading? Heap);

/// <summary>Busy and total CPU time of the whole machine, from /proc/stat, to say how saturated the two cores were.</summary>
internal readonly record struct MachineCpu(long Busy, long Total)
{
    public static MachineCpu Read()
    {
        var line = File.ReadLines("/proc/stat").First(l => l.StartsWith("cpu ", StringComparison.Ordinal));
        var ticks = line[4..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var idle = ticks[3] + ticks[4];
        var total = ticks.Take(8).Sum();
        return new MachineCpu(total - idle, total);
    }

    /// <summary>CPU time all processes used between two readings, on all cores.</summary>
    public static TimeSpan BusyTime(MachineCpu before, MachineCpu after) => TimeSpan.FromSeconds((after.Busy - before.Busy) / 100.0);

    /// <summary>The share of all cores that was busy between two readings, 0..1.</summary>
    public static double BusyShare(MachineCpu before, MachineCpu after) =>
        after.Total == before.Total ? 0 : (double)(after.Busy - before.Busy) / (after.Total - before.Total);
}

internal static class Units
{
    public static string Mib(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:F1} MiB");

    public static string Kib(double bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:F1} KiB");

    public static string Ms(double milliseconds) => string.Create(CultureInfo.InvariantCulture, $"{milliseconds:F1} ms");
}
