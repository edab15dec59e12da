using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChangeCoordination.LoadTools;
using ChangeCoordination.ViewerLoad;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

// Blazor viewer load (issue 3, "Performance, measured"): V Chromium tabs signed in on /heatmap, U updates through
// the API, and for each update the time from the API's answer until the cell changed in every tab; the server's
// CPU time per viewer per update (against the same updates with no tab open) and memory per viewer; then,
// optionally, sustained change submissions with the viewers still watching. Every loop is bounded in count and
// time; the whole run stops by itself after --max-minutes.
var cli = new CommandLine(args);
var url = new Uri(cli.Text("url", "http://127.0.0.1:5300", "the running app (loopback only)"));
var viewerCount = cli.Int("viewers", 100, "heatmap tabs (one browser context each)");
var browserCount = cli.Int("browsers", 1, "Chromium instances the tabs spread over (real viewers are separate machines)");
var updateCount = cli.Int("updates", 30, "updates, each a BusinessCritical change on its own fresh day in the tabs' range");
var intervalMs = cli.Int("interval-ms", 1000, "time between updates");
var path = cli.Text("path", "/heatmap?range=3m", "the page every tab shows (must include the updated days)");
var identity = cli.Text("identity", "Maya Singh", "the demo sign-in button the tabs sign in with");
var openParallel = cli.Int("open-parallel", 4, "tabs opened at once");
var serverPid = cli.Int("server-pid", 0, "the app's process id, for its CPU time and RSS from /proc (0: not read)");
var gcHeap = cli.Flag("gc-heap", true, "also read the app's GC heap after a forced full GC (EventPipe), with --server-pid");
var visibleTimeout = cli.Int("visible-timeout-seconds", 20, "how long to wait for the last tab to show the last update");
var writeRate = cli.Double("write-rate", 200, "then: change submissions a second with the viewers watching (0: skip)");
var writeSeconds = cli.Int("write-seconds", 30, "how long to sustain them");
var writeInFlight = cli.Int("write-in-flight", 64, "most submissions outstanding at once (also the HTTP connections)");
var browserNice = cli.Text("browser-nice", "0", "nice value for Chromium's processes (empty: leave them as started)");
var heapTypes = cli.Int("heap-types", 0, "after the updates, list the app's N largest managed types (ClrMD, suspends the app briefly; 0: skip)");
var maxMinutes = cli.Int("max-minutes", 30, "hard stop for the whole run");
var jsonPath = cli.Text("json", "", "also write the figures as JSON to this file");
if (!cli.Finish("ViewerLoad: dotnet run -c Release --project tools/ChangeCoordination.ViewerLoad -- [options]"))
{
    return cli.HelpAsked ? 0 : 2;
}

if (!url.IsLoopback)
{
    Console.Error.WriteLine($"{url} is not a loopback address: this tool only loads an app on this machine.");
    return 2;
}

using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(maxMinutes));
var token = stop.Token;
var server = serverPid > 0 ? new ServerProcess(serverPid) : null;
if (server is { Exists: false })
{
    Console.Error.WriteLine($"No process {serverPid}.");
    return 2;
}

Console.WriteLine($"ViewerLoad {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.MachineName} ({Environment.ProcessorCount} cores, .NET {Environment.Version}): {viewerCount} tabs in {browserCount} Chromium on {path}, {updateCount} updates every {intervalMs} ms, {url}");
using var api = new DemoApi(url, Math.Max(writeInFlight, 4));
var supplierToken = await api.TokenAsync(DemoApi.DccUsers[0], token);
var userTokens = new List<string>();
foreach (var user in DemoApi.DccUsers)
{
    userTokens.Add(await api.TokenAsync(user, token));
}

// The days: measured updates on fresh days inside the tabs' range (a 3-month range starts this month); the
// no-tab baseline and the warm-up on days far outside it.
var firstDay = DemoApi.FirstFreeDay();
var measuredDays = Enumerable.Range(0, updateCount).Select(firstDay.AddDays).ToList();
var baselineDays = Enumerable.Range(0, updateCount).Select(i => firstDay.AddDays(400 + i)).ToList();
var targets = measuredDays.Select(d => (DemoApi.Iso(d), "st-green")).ToList();
var settle = TimeSpan.FromSeconds(2);
for (var i = 0; i < 150; i++)
{
    var warm = await api.NotifyAsync(supplierToken, firstDay.AddDays(600 + (i % 100)), "BusinessCritical", "Load test warm-up", token);
    if (!warm.Ok)
    {
        Console.Error.WriteLine($"Warm-up write failed with HTTP {warm.Status}: is the app running in Demo mode at {url}?");
        return 1;
    }
}

// 150 quick writes and a whole pass like the baseline, unmeasured, so that the JIT's later tiers are done before
// anything is measured.
var warmUp = await DriveAsync(Enumerable.Range(0, updateCount).Select(i => firstDay.AddDays(500 + i)).ToList());
Console.WriteLine($"  warm-up pass: {warmUp.Ok}/{updateCount} updates, server CPU {warmUp.ServerCpu.TotalMilliseconds:F0} ms");

var figures = new Dictionary<string, object?>
{
    ["at"] = DateTimeOffset.UtcNow,
    ["machine"] = Environment.MachineName,
    ["cores"] = Environment.ProcessorCount,
    ["viewers"] = viewerCount,
    ["browsers"] = browserCount,
    ["updates"] = updateCount,
    ["intervalMs"] = intervalMs,
    ["path"] = path,
};

// 1. Baseline: the same kind of updates with no tab open.
var baseline = await DriveAsync(baselineDays);
Console.WriteLine($"  baseline, no tabs: {baseline.Ok}/{updateCount} updates, server CPU {baseline.ServerCpu.TotalMilliseconds:F0} ms, write {baseline.Write.Summary()}");
figures["baseline"] = new { serverCpuMs = baseline.ServerCpu.TotalMilliseconds, ok = baseline.Ok, writeMs = Summary(baseline.Write) };

var before = server is null ? null : await server.MemoryAsync("before the tabs open", gcHeap);

await using var viewers = new Viewers();
var missing = 0;
var tabs = 0;
if (viewerCount > 0)
{
    // 2. Open the tabs: one sign-in through the demo picker, its session shared by every tab.
    await viewers.LaunchAsync(Math.Max(1, browserCount), browserNice.Length == 0 ? null : int.Parse(browserNice, CultureInfo.InvariantCulture));
    var session = await viewers.SignInAsync(url, identity, path);
    var openWatch = Stopwatch.StartNew();
    await viewers.OpenAsync(url, session, path, targets);
    await Task.Delay(TimeSpan.FromSeconds(2), token);
    var oneTab = server is null ? null : await server.MemoryAsync("1 tab open", gcHeap);
    using (var slots = new SemaphoreSlim(openParallel))
    {
        var opening = new List<Task>();
        for (var i = 1; i < viewerCount; i++)
        {
            await slots.WaitAsync(token);
            opening.Add(Task.Run(
                async () =>
                {
                    try
                    {
                        await viewers.OpenAsync(url, session, path, targets);
                    }
                    finally
                    {
                        slots.Release();
                    }
                },
                token));
        }

        await Task.WhenAll(opening);
    }

    Console.WriteLine($"  opened {viewers.Pages.Count} tabs in {openWatch.Elapsed.TotalSeconds:F1} s");
    figures["openSeconds"] = openWatch.Elapsed.TotalSeconds;
    await Task.Delay(TimeSpan.FromSeconds(3), token);
    var opened = server is null ? null : await server.MemoryAsync($"{viewerCount} tabs open", gcHeap);

    // 3. Idle: the tabs open, no update, as long as the measured updates take.
    var idleCpuBefore = server?.CpuTime() ?? TimeSpan.Zero;
    var idleBrowserBefore = ServerProcess.DescendantsCpuTime(Environment.ProcessId);
    var idleFor = TimeSpan.FromMilliseconds(updateCount * intervalMs) + settle;
    await Task.Delay(idleFor, token);
    var idleCpu = (server?.CpuTime() ?? TimeSpan.Zero) - idleCpuBefore;
    var idleBrowserCpu = ServerProcess.DescendantsCpuTime(Environment.ProcessId) - idleBrowserBefore;
    Console.WriteLine($"  idle with {viewerCount} tabs for {idleFor.TotalSeconds:F0} s: server CPU {idleCpu.TotalMilliseconds:F0} ms, browser CPU {idleBrowserCpu.TotalMilliseconds:F0} ms");

    // 4. The measured updates, with the tabs watching.
    var browserCpuBefore = ServerProcess.DescendantsCpuTime(Environment.ProcessId);
    var selfCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    var measured = await DriveAsync(measuredDays);
    var browserCpu = ServerProcess.DescendantsCpuTime(Environment.ProcessId) - browserCpuBefore;
    var selfCpu = Process.GetCurrentProcess().TotalProcessorTime - selfCpuBefore;
    var otherCpu = measured.MachineBusyTime - measured.ServerCpu - browserCpu - selfCpu;
    Console.WriteLine($"  with {viewerCount} tabs: {measured.Ok}/{updateCount} updates, server CPU {measured.ServerCpu.TotalMilliseconds:F0} ms, write {measured.Write.Summary()}");

    // Wait (bounded) until every tab showed every update, then read when each did.
    var visibleWatch = Stopwatch.StartNew();
    List<Dictionary<string, double>> seen;
    do
    {
        seen = await viewers.SeenAsync();
        if (seen.All(s => s.Count >= measured.Ok))
        {
            break;
        }

        await Task.Delay(500, token);
    }
    while (visibleWatch.Elapsed < TimeSpan.FromSeconds(visibleTimeout));

    var perTab = new List<double>();
    var everyTab = new List<double>();
    var everyTabFromRequest = new List<double>();
    for (var k = 0; k < measuredDays.Count; k++)
    {
        if (measured.Answers[k] is not { Ok: true } answer)
        {
            continue;
        }

        var date = DemoApi.Iso(measuredDays[k]);
        var times = seen.Select(s => s.TryGetValue(date, out var at) ? at - answer.AnsweredWallMs : (double?)null).ToList();
        missing += times.Count(t => t is null);
        perTab.AddRange(times.Where(t => t is not null).Select(t => t!.Value));
        if (times.All(t => t is not null))
        {
            everyTab.Add(times.Max(t => t!.Value));
            everyTabFromRequest.Add(times.Max(t => t!.Value) + answer.AnsweredWallMs - answer.SentWallMs);
        }
    }

    // Idle again, as long, to see whether the open tabs' upkeep is steady.
    var idleAfterBefore = server?.CpuTime() ?? TimeSpan.Zero;
    var idleAfterBrowserBefore = ServerProcess.DescendantsCpuTime(Environment.ProcessId);
    await Task.Delay(idleFor, token);
    var idleAfterCpu = (server?.CpuTime() ?? TimeSpan.Zero) - idleAfterBefore;
    var idleAfterBrowserCpu = ServerProcess.DescendantsCpuTime(Environment.ProcessId) - idleAfterBrowserBefore;
    Console.WriteLine($"  idle with {viewerCount} tabs for {idleFor.TotalSeconds:F0} s after the updates: server CPU {idleAfterCpu.TotalMilliseconds:F0} ms, browser CPU {idleAfterBrowserCpu.TotalMilliseconds:F0} ms (the first idle window follows the tabs' loading, whose after-effects, such as garbage collection, it also counts)");

    var after = server is null ? null : await server.MemoryAsync($"after {updateCount} updates", gcHeap);
    if (heapTypes > 0 && server is not null)
    {
        figures["heapTypes"] = HeapTypes.Largest(server.Pid, heapTypes);
    }

    var visibleEvery = new Distribution(everyTab);
    var visibleEach = new Distribution(perTab);
    tabs = viewers.Pages.Count;
    var cpuPerViewerUpdate = (measured.ServerCpu - baseline.ServerCpu).TotalMilliseconds / Math.Max(1, tabs * measured.Ok);
    Console.WriteLine();
    Console.WriteLine($"API response -> visible in every tab:   {visibleEvery.Summary()}");
    Console.WriteLine($"API response -> visible, each tab:      {visibleEach.Summary()}");
    Console.WriteLine($"API request -> visible in every tab:    {new Distribution(everyTabFromRequest).Summary()}");
    Console.WriteLine($"  cells that never changed: {missing}; changes seen before the API response arrived: {visibleEach.CountBelow(0)}");
    Console.WriteLine($"Server CPU: {measured.ServerCpu.TotalMilliseconds:F0} ms with {tabs} tabs - {baseline.ServerCpu.TotalMilliseconds:F0} ms without = {(measured.ServerCpu - baseline.ServerCpu).TotalMilliseconds:F0} ms for {tabs} x {measured.Ok} viewer-updates = {cpuPerViewerUpdate:F3} ms per viewer per update");
    Console.WriteLine($"  the open tabs' idle upkeep over as long a window with no update: {idleCpu.TotalMilliseconds:F0} ms before the updates, {idleAfterCpu.TotalMilliseconds:F0} ms after; net of it about {((measured.ServerCpu - baseline.ServerCpu).TotalMilliseconds - (idleCpu + idleAfterCpu).TotalMilliseconds / 2) / Math.Max(1, tabs * measured.Ok):F3} ms per viewer per update; meanwhile the browser used {browserCpu.TotalSeconds:F1} s CPU, this tool {selfCpu.TotalSeconds:F1} s, other processes {otherCpu.TotalSeconds:F1} s; machine {measured.MachineBusy:P0} of both cores busy");
    figures["visibleEveryTabMs"] = Summary(visibleEvery);
    figures["visibleEachTabMs"] = Summary(visibleEach);
    figures["requestToVisibleEveryTabMs"] = Summary(new Distribution(everyTabFromRequest));
    figures["idleAfterServerCpuMs"] = idleAfterCpu.TotalMilliseconds;
    figures["neverVisible"] = missing;
    figures["measured"] = new { serverCpuMs = measured.ServerCpu.TotalMilliseconds, ok = measured.Ok, writeMs = Summary(measured.Write), machineBusy = measured.MachineBusy };
    figures["idleServerCpuMs"] = idleCpu.TotalMilliseconds;
    figures["browserCpuMs"] = browserCpu.TotalMilliseconds;
    figures["idleBrowserCpuMs"] = idleBrowserCpu.TotalMilliseconds;
    figures["idleAfterBrowserCpuMs"] = idleAfterBrowserCpu.TotalMilliseconds;
    figures["toolCpuMs"] = selfCpu.TotalMilliseconds;
    figures["otherCpuMs"] = otherCpu.TotalMilliseconds;
    figures["cpuPerViewerPerUpdateMs"] = cpuPerViewerUpdate;
    if (before is not null && opened is not null && after is not null)
    {
        Console.WriteLine($"Server RSS: {Units.Mib(before.RssBytes)} before the tabs, {Units.Mib(opened.RssBytes)} open, {Units.Mib(after.RssBytes)} after the updates: {Units.Kib((after.RssBytes - before.RssBytes) / (double)tabs)} per viewer");
        if (before.Heap is not null && opened.Heap is not null && after.Heap is not null)
        {
            Console.WriteLine($"Server GC heap after a full GC: {Units.Mib(before.Heap.TotalBytes)} before the tabs, {Units.Mib(opened.Heap.TotalBytes)} open, {Units.Mib(after.Heap.TotalBytes)} after the updates: {Units.Kib((after.Heap.TotalBytes - before.Heap.TotalBytes) / (double)tabs)} per viewer");
            if (oneTab?.Heap is not null && tabs > 1)
            {
                Console.WriteLine($"  beyond the first tab (whose {Units.Kib(oneTab.Heap.TotalBytes - before.Heap.TotalBytes)} include one-time costs): {Units.Kib((after.Heap.TotalBytes - oneTab.Heap.TotalBytes) / (double)(tabs - 1))} per further viewer");
            }
        }

        figures["memory"] = new[] { before, oneTab, opened, after };
    }
}

// 5. Sustained change submissions with the viewers still watching.
if (writeRate > 0 && writeSeconds > 0)
{
    var rangeDays = Enumerable.Range(0, 60).Select(firstDay.AddDays).ToList();
    var published = 0;
    await using var counter = new HubConnectionBuilder()
        .WithUrl(new Uri(url, "/hubs/heatmap"), HttpTransportType.WebSockets, o =>
        {
            o.SkipNegotiation = true;
            o.AccessTokenProvider = () => Task.FromResult<string?>(supplierToken);
        })
        .Build();
    counter.On<JsonElement>("DaysChanged", _ => Interlocked.Increment(ref published));
    await counter.StartAsync(token);
    var cpuBefore = server?.CpuTime() ?? TimeSpan.Zero;
    var machineBefore = MachineCpu.Read();
    var browserBefore = ServerProcess.DescendantsCpuTime(Environment.ProcessId);
    var selfBefore = Process.GetCurrentProcess().TotalProcessorTime;
    var writes = await WriteLoad.RunAsync(api, userTokens, rangeDays, writeRate, writeSeconds, writeInFlight, token);
    var serverCpu = (server?.CpuTime() ?? TimeSpan.Zero) - cpuBefore;
    var machineAfter = MachineCpu.Read();
    var machineBusy = MachineCpu.BusyShare(machineBefore, machineAfter);
    var browserWrites = ServerProcess.DescendantsCpuTime(Environment.ProcessId) - browserBefore;
    var selfWrites = Process.GetCurrentProcess().TotalProcessorTime - selfBefore;
    var otherWrites = MachineCpu.BusyTime(machineBefore, machineAfter) - serverCpu - browserWrites - selfWrites;
    await Task.Delay(1000, token);
    var throughput = writes.Ok / writes.Elapsed.TotalSeconds;
    Console.WriteLine();
    Console.WriteLine($"Writes with {tabs} viewers: {writes.Ok:N0} of {writes.Planned:N0} planned at {writeRate}/s in {writes.Elapsed.TotalSeconds:F1} s = {throughput:F1}/s accepted{(writes.Failures.Count == 0 ? "" : "; failures: " + string.Join(", ", writes.Failures.Select(f => $"HTTP {f.Key} x{f.Value}")))}");
    Console.WriteLine($"  request -> response: {writes.Latency.Summary()}");
    Console.WriteLine($"  histogram: {writes.Latency.Histogram(10, 25, 50, 100, 150, 300, 450)}");
    Console.WriteLine($"  start lag behind schedule: {writes.StartLag.Summary()}; {writes.StartedLate} waited for one of the {writeInFlight} slots");
    Console.WriteLine($"  DaysChanged published meanwhile: {published}; server CPU {serverCpu.TotalSeconds:F1} s ({serverCpu / writes.Elapsed:P0} of one core), browser {browserWrites.TotalSeconds:F1} s, this tool {selfWrites.TotalSeconds:F1} s, other processes {otherWrites.TotalSeconds:F1} s; machine {machineBusy:P0} of both cores busy");
    figures["writes"] = new
    {
        rate = writeRate,
        seconds = writeSeconds,
        inFlight = writeInFlight,
        planned = writes.Planned,
        ok = writes.Ok,
        failures = writes.Failures,
        elapsedSeconds = writes.Elapsed.TotalSeconds,
        throughput,
        latencyMs = Summary(writes.Latency),
        startLagMs = Summary(writes.StartLag),
        startedLate = writes.StartedLate,
        published,
        serverCpuMs = serverCpu.TotalMilliseconds,
        browserCpuMs = browserWrites.TotalMilliseconds,
        toolCpuMs = selfWrites.TotalMilliseconds,
        otherCpuMs = otherWrites.TotalMilliseconds,
        latencyHistogram = writes.Latency.Histogram(10, 25, 50, 100, 150, 300, 450),
        machineBusy,
    };
}

if (jsonPath.Length > 0)
{
    await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(figures, new JsonSerializerOptions { WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals }), token);
}

Console.WriteLine("Closing the browser...");
return missing == 0 ? 0 : 1;

// Drives the given days' updates at the fixed interval, one at a time, and measures the server's CPU from the
// first one to a short settle after the last (so the repaints the last one causes are counted).
async Task<DriveResult> DriveAsync(IReadOnlyList<DateOnly> days)
{
    var answers = new ApiResult?[days.Count];
    var cpuBefore = server?.CpuTime() ?? TimeSpan.Zero;
    var machineBefore = MachineCpu.Read();
    var started = Stopwatch.GetTimestamp();
    for (var k = 0; k < days.Count; k++)
    {
        var wait = TimeSpan.FromMilliseconds(k * (double)intervalMs) - Stopwatch.GetElapsedTime(started);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, token);
        }

        answers[k] = await api.NotifyAsync(supplierToken, days[k], "BusinessCritical", "Load test: a business-critical change on a fresh day", token);
    }

    var settleUntil = TimeSpan.FromMilliseconds(days.Count * (double)intervalMs) + settle - Stopwatch.GetElapsedTime(started);
    if (settleUntil > TimeSpan.Zero)
    {
        await Task.Delay(settleUntil, token);
    }

    var cpu = (server?.CpuTime() ?? TimeSpan.Zero) - cpuBefore;
    var machineAfter = MachineCpu.Read();
    var ok = answers.Where(a => a is { Ok: true }).Select(a => a!).ToList();
    return new DriveResult(answers, ok.Count, cpu, new Distribution(ok.Select(a => a.Milliseconds)), MachineCpu.BusyShare(machineBefore, machineAfter), MachineCpu.BusyTime(machineBefore, machineAfter));
}

static object Summary(Distribution d) => new
{
    n = d.Count,
    p50 = Math.Round(d.Percentile(50), 2),
    p95 = Math.Round(d.Percentile(95), 2),
    p99 = Math.Round(d.Percentile(99), 2),
    max = Math.Round(d.Max, 2),
    min = Math.Round(d.Min, 2),
};

internal sealed record DriveResult(ApiResult?[] Answers, int Ok, TimeSpan ServerCpu, Distribution Write, double MachineBusy, TimeSpan MachineBusyTime);
