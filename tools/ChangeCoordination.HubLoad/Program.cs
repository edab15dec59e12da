using System.Diagnostics;
using System.Text.Json;
using ChangeCoordination.HubLoad;
using ChangeCoordination.LoadTools;

// Hub load (issue 3, "Performance, measured"): N SignalR clients on /hubs/heatmap, writes through the API at a fixed
// rate, and for each write the time from the API's answer to each client's DaysChanged, lost messages, server memory.
// Every loop is bounded in count and time; the whole run stops by itself after --max-minutes.
var cli = new CommandLine(args);
var url = new Uri(cli.Text("url", "http://127.0.0.1:5300", "the running app (loopback only)"));
var clientCount = cli.Int("clients", 1000, "SignalR clients to connect over WebSockets");
var rate = cli.Double("rate", 5, "updates a second");
var seconds = cli.Int("seconds", 60, "how long to drive updates");
var mode = cli.Text("update", "assess", "assess: alternate HighlyLikely/Likely assessments (If-Match) on --changes BusinessCritical changes; create: notify a BusinessCritical change on a fresh day");
var changeCount = cli.Int("changes", 50, "assess mode: changes (each on its own day) the assessments rotate over");
var serverPid = cli.Int("server-pid", 0, "the app's process id, for its RSS and CPU time from /proc (0: not read)");
var otherPids = cli.Text("other-server-pids", "", "the other servers of a farm behind --url, comma-separated: their CPU time counts with --server-pid's, their memory is read beside it");
var gcHeap = cli.Flag("gc-heap", true, "also read the app's GC heap after a forced full GC (EventPipe), with --server-pid");
var connectParallel = cli.Int("connect-parallel", 32, "connections opened at once");
var drainSeconds = cli.Int("drain-seconds", 10, "how long to wait after the last update for late messages");
var maxMinutes = cli.Int("max-minutes", 20, "hard stop for the whole run");
var jsonPath = cli.Text("json", "", "also write the figures as JSON to this file");
if (!cli.Finish("HubLoad: dotnet run -c Release --project tools/ChangeCoordination.HubLoad -- [options]"))
{
    return cli.HelpAsked ? 0 : 2;
}

if (!url.IsLoopback)
{
    Console.Error.WriteLine($"{url} is not a loopback address: this tool only loads an app on this machine.");
    return 2;
}

if (mode is not ("assess" or "create"))
{
    Console.Error.WriteLine("--update is assess or create.");
    return 2;
}

using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(maxMinutes));
var token = stop.Token;
var server = serverPid > 0 ? new ServerProcess(serverPid) : null;
var others = otherPids.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
    .Select(p => new ServerProcess(int.Parse(p, System.Globalization.CultureInfo.InvariantCulture)))
    .ToList();
foreach (var missing in others.Prepend(server).Where(s => s is { Exists: false }))
{
    Console.Error.WriteLine($"No process {missing!.Pid}.");
    return 2;
}

var otherReadings = new List<MemoryReading>();
async Task ReadOthersAsync(string label)
{
    for (var k = 0; k < others.Count; k++)
    {
        otherReadings.Add(await others[k].MemoryAsync($"server {k + 2}: {label}", gcHeap));
    }
}

TimeSpan ServersCpu() => (server?.CpuTime() ?? TimeSpan.Zero) + others.Aggregate(TimeSpan.Zero, (sum, o) => sum + o.CpuTime());

var total = (int)Math.Round(rate * seconds);
Console.WriteLine($"HubLoad {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.MachineName} ({Environment.ProcessorCount} cores, .NET {Environment.Version}): {clientCount:N0} clients, {total} updates at {rate}/s ({mode}), {url}");
using var api = new DemoApi(url, 16);
var assessorToken = await api.TokenAsync(DemoApi.Assessor, token);
var supplierToken = await api.TokenAsync(DemoApi.DccUsers[0], token);
var watcherTokens = new List<string>();
foreach (var watcher in DemoApi.Watchers)
{
    watcherTokens.Add(await api.TokenAsync(watcher, token));
}

// Warm the write path (JIT, connection pools) on days far from the measured ones, before any reading.
var firstDay = DemoApi.FirstFreeDay();
for (var i = 0; i < 10; i++)
{
    var warm = await api.NotifyAsync(supplierToken, firstDay.AddDays(700 + i), "UserSystem", "Load test warm-up", token);
    if (!warm.Ok)
    {
        Console.Error.WriteLine($"Warm-up write failed with HTTP {warm.Status}: is the app running in Demo mode at {url}?");
        return 1;
    }
}

var readings = new List<MemoryReading>();
if (server is not null)
{
    readings.Add(await server.MemoryAsync("before clients", gcHeap));
    await ReadOthersAsync("before clients");
}

// Connect the clients, a few at a time.
var hubUri = new Uri(url, "/hubs/heatmap");
var clients = new HubClient[clientCount];
var connectFailures = 0;
var connectWatch = Stopwatch.StartNew();
using (var slots = new SemaphoreSlim(connectParallel))
{
    var connecting = new List<Task>();
    for (var i = 0; i < clientCount; i++)
    {
        var index = i;
        await slots.WaitAsync(token);
        connecting.Add(Task.Run(
            async () =>
            {
                try
                {
                    var client = new HubClient(hubUri, watcherTokens[index % watcherTokens.Count]);
                    clients[index] = client;
                    await client.StartAsync(token);
                }
                catch (Exception exception) when (exception is HttpRequestException or IOException or System.Net.WebSockets.WebSocketException or TimeoutException)
                {
                    Interlocked.Increment(ref connectFailures);
                }
                finally
                {
                    slots.Release();
                }
            },
            token));
    }

    await Task.WhenAll(connecting);
}

Console.WriteLine($"  connected {clientCount - connectFailures:N0} of {clientCount:N0} clients in {connectWatch.Elapsed.TotalSeconds:F1} s ({connectFailures} failed)");
await Task.Delay(TimeSpan.FromSeconds(3), token);
if (server is not null)
{
    readings.Add(await server.MemoryAsync($"{clientCount} clients connected", gcHeap));
    await ReadOthersAsync($"{clientCount} clients connected");
}

// Assess mode: the changes the assessments rotate over, one day each, notified before the clock starts.
var changes = new List<(DateOnly Day, string Reference, int Revision)>();
if (mode == "assess")
{
    for (var i = 0; i < changeCount; i++)
    {
        var day = firstDay.AddDays(i);
        var created = await api.NotifyAsync(supplierToken, day, "BusinessCritical", "Load test: a business-critical change to assess", token);
        if (!created.Ok || created.Reference is null)
        {
            Console.Error.WriteLine($"Could not notify a change: HTTP {created.Status}.");
            return 1;
        }

        changes.Add((day, created.Reference, created.Revision));
    }

    await Task.Delay(TimeSpan.FromSeconds(2), token);
}

// Drive the updates at a fixed rate (open loop: each starts on its own schedule).
var results = new ApiResult?[total];
var keys = new (string Date, string Status)[total];
var previousOnChange = new Task[Math.Max(changeCount, 1)];
Array.Fill(previousOnChange, Task.CompletedTask);
var revisions = changes.Select(c => c.Revision).ToArray();
var receivedBefore = clients.Where(c => c is { Started: true }).Sum(c => (long)c.ReceivedCount);
var cpuBefore = ServersCpu();
var toolCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
var machineBefore = MachineCpu.Read();
var started = Stopwatch.GetTimestamp();
var running = new List<Task>();
var period = Stopwatch.Frequency / rate;
for (var i = 0; i < total && !token.IsCancellationRequested; i++)
{
    var due = started + (long)(i * period);
    var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
    if (wait > TimeSpan.Zero)
    {
        await Task.Delay(wait, token);
    }

    var index = i;
    if (mode == "assess")
    {
        var c = index % changeCount;
        var status = index / changeCount % 2 == 0 ? "Red" : "Amber";
        keys[index] = (DemoApi.Iso(changes[c].Day), status);
        var previous = previousOnChange[c];
        var next = Task.Run(
            async () =>
            {
                await previous;
                var result = await api.AssessAsync(assessorToken, changes[c].Reference, revisions[c], status == "Red" ? "HighlyLikely" : "Likely", token);
                if (result.Ok)
                {
                    revisions[c] = result.Revision;
                }

                results[index] = result;
            },
            token);
        previousOnChange[c] = next;
        running.Add(next);
    }
    else
    {
        var day = firstDay.AddDays(index);
        keys[index] = (DemoApi.Iso(day), "Green");
        running.Add(Task.Run(async () => results[index] = await api.NotifyAsync(supplierToken, day, "BusinessCritical", "Load test: a business-critical change on a fresh day", token), token));
    }
}

await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(60), token);
var drivenFor = Stopwatch.GetElapsedTime(started);
var serverCpu = ServersCpu() - cpuBefore;
var toolCpu = Process.GetCurrentProcess().TotalProcessorTime - toolCpuBefore;
var machineAfter = MachineCpu.Read();
var machineBusy = MachineCpu.BusyShare(machineBefore, machineAfter);
var otherCpu = MachineCpu.BusyTime(machineBefore, machineAfter) - serverCpu - toolCpu;
var ok = Enumerable.Range(0, total).Where(i => results[i] is { Ok: true }).ToList();
Console.WriteLine($"  drove {ok.Count} of {total} updates in {drivenFor.TotalSeconds:F1} s ({total - ok.Count} failed{string.Join(", ", results.Where(r => r is { Ok: false }).GroupBy(r => r!.Status).Select(g => $": HTTP {g.Key} x{g.Count()}"))})");

// Wait for the last messages, bounded.
var live = clients.Where(c => c is { Started: true }).ToList();
var expectedMessages = (long)ok.Count * live.Count;
var drainWatch = Stopwatch.StartNew();
while (drainWatch.Elapsed < TimeSpan.FromSeconds(drainSeconds) && live.Sum(c => (long)c.ReceivedCount) - receivedBefore < expectedMessages)
{
    await Task.Delay(200, token);
}

// Match each client's messages to the updates, in order.
var expected = ok.Select(i => keys[i]).ToList();
var latencies = new List<double>(ok.Count * live.Count);
var fromRequest = new List<double>(ok.Count * live.Count);
var lastArrival = new double[ok.Count];
Array.Fill(lastArrival, double.NegativeInfinity);
long lost = 0;
var clientsMissingAny = 0;
foreach (var client in live)
{
    var arrivals = client.Match(expected);
    var missing = false;
    for (var k = 0; k < ok.Count; k++)
    {
        var result = results[ok[k]]!;
        if (arrivals[k] is { } ticks)
        {
            var ms = (ticks - result.AnsweredTicks) * 1000.0 / Stopwatch.Frequency;
            latencies.Add(ms);
            fromRequest.Add((ticks - result.SentTicks) * 1000.0 / Stopwatch.Frequency);
            lastArrival[k] = Math.Max(lastArrival[k], ms);
        }
        else
        {
            lost++;
            missing = true;
        }
    }

    clientsMissingAny += missing ? 1 : 0;
}

if (server is not null)
{
    readings.Add(await server.MemoryAsync("after the updates", gcHeap));
    await ReadOthersAsync("after the updates");
}

var responseToReceipt = new Distribution(latencies);
var requestToReceipt = new Distribution(fromRequest);
var allClients = new Distribution(lastArrival.Where(double.IsFinite));
var writeLatency = new Distribution(ok.Select(i => results[i]!.Milliseconds));
Console.WriteLine();
Console.WriteLine($"Updates (HTTP request to response):        {writeLatency.Summary()}");
Console.WriteLine($"API response -> client receipt:            {responseToReceipt.Summary()}");
Console.WriteLine($"  receipts before the API response arrived: {responseToReceipt.CountBelow(0):N0} (the app publishes before it answers)");
Console.WriteLine($"API request sent -> client receipt:        {requestToReceipt.Summary()}");
Console.WriteLine($"API response -> last client's receipt:     {allClients.Summary()}");
Console.WriteLine($"Messages: expected {expectedMessages:N0}, received {latencies.Count:N0}, lost {lost:N0} ({clientsMissingAny} clients missed at least one); {live.Count(c => c.Closed)} connections closed during the run");
Console.WriteLine($"CPU while driving ({drivenFor.TotalSeconds:F1} s): server{(others.Count > 0 ? $"s ({1 + others.Count})" : "")} {serverCpu.TotalSeconds:F2} s ({serverCpu / drivenFor:P0} of one core), this tool {toolCpu.TotalSeconds:F2} s ({toolCpu / drivenFor:P0}), other processes {otherCpu.TotalSeconds:F2} s; machine {machineBusy:P0} of both cores busy");
if (server is not null && readings.Count == 3)
{
    // Each phase's reading of every server (the farm's others were read right after the first), summed.
    var phases = Enumerable.Range(0, 3)
        .Select(p => otherReadings.Skip(p * others.Count).Take(others.Count).Prepend(readings[p]).ToList())
        .ToList();
    var servers = others.Count > 0 ? $"Servers' ({1 + others.Count}) memory, summed" : "Server memory";
    long Rss(int p) => phases[p].Sum(r => r.RssBytes);
    var connected = Rss(1) - Rss(0);
    Console.WriteLine($"{servers}: RSS {Units.Mib(Rss(0))} -> {Units.Mib(Rss(1))} connected -> {Units.Mib(Rss(2))} after updates ({Units.Kib(connected / (double)Math.Max(1, live.Count))} RSS per client)");
    if (phases.All(phase => phase.All(r => r.Heap is not null)))
    {
        long Heap(int p) => phases[p].Sum(r => r.Heap!.TotalBytes);
        var heapPerClient = (Heap(1) - Heap(0)) / (double)Math.Max(1, live.Count);
        Console.WriteLine($"{servers}: GC heap after full GC {Units.Mib(Heap(0))} -> {Units.Mib(Heap(1))} connected -> {Units.Mib(Heap(2))} after updates ({Units.Kib(heapPerClient)} per client)");
    }
}

if (jsonPath.Length > 0)
{
    var figures = new
    {
        at = DateTimeOffset.UtcNow,
        machine = Environment.MachineName,
        cores = Environment.ProcessorCount,
        clients = clientCount,
        connected = live.Count,
        mode,
        rate,
        seconds,
        updates = new { planned = total, ok = ok.Count },
        writeMs = Summary(writeLatency),
        responseToReceiptMs = Summary(responseToReceipt),
        receiptsBeforeResponse = responseToReceipt.CountBelow(0),
        requestToReceiptMs = Summary(requestToReceipt),
        responseToLastClientMs = Summary(allClients),
        messages = new { expected = expectedMessages, received = latencies.Count, lost },
        cpu = new { seconds = drivenFor.TotalSeconds, server = serverCpu.TotalSeconds, tool = toolCpu.TotalSeconds, others = otherCpu.TotalSeconds, machineBusy },
        memory = readings,
        otherServersMemory = otherReadings,
    };
    await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(figures, new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }), token);
}

Console.WriteLine("Closing the clients...");
foreach (var chunk in live.Chunk(200))
{
    await Task.WhenAll(chunk.Select(c => c.DisposeAsync().AsTask())).WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
}

return lost == 0 && connectFailures == 0 ? 0 : 1;

static object Summary(Distribution d) => new
{
    n = d.Count,
    p50 = Math.Round(d.Percentile(50), 2),
    p95 = Math.Round(d.Percentile(95), 2),
    p99 = Math.Round(d.Percentile(99), 2),
    max = Math.Round(d.Max, 2),
    min = Math.Round(d.Min, 2),
};
