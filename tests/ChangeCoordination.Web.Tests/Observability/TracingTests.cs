using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using ChangeCoordination.Web.Live;
using ChangeCoordination.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace ChangeCoordination.Web.Tests.Observability;

/// <summary>One trace follows a write from its request through the commit and the ledger to the push, on every server.</summary>
public sealed class TracingTests
{
    [Fact]
    public async Task A_write_is_one_trace_from_its_request_through_the_write_and_the_ledger_to_the_push()
    {
        var spans = new SpanCollection();
        using var app = new AppFactory { Customise = Exporting(spans) };
        var client = await app.ClientForAsync(DemoUsers.SupplierA);

        var trace = await NotifyInANewTraceAsync(client);

        var request = await RequestSpanAsync(spans, trace);
        // A span is exported when it ends: the feed's delivery ends after the push it started.
        var chain = await TestApi.EventuallyAsync(
            () => Task.FromResult(spans.Snapshot().Where(s => s.TraceId == trace && s.DisplayName == "heatmap.push").Select(spans.AncestorsOf).FirstOrDefault(a => a.Contains(request.DisplayName))),
            a => a is not null,
            "the push of the write's days, in the write's trace");
        Assert.Equal(["DayStatusFeed delivered", "ledger.apply", "change.notified", request.DisplayName], chain);
        Assert.Equal("Created", spans.Snapshot().Single(s => s.TraceId == trace && s.DisplayName == "change.notified").GetTagItem("cc.outcome"));
    }

    [PostgreSqlFact]
    public async Task The_trace_of_a_write_on_one_server_goes_on_across_the_bus_to_the_other_servers_push()
    {
        using var redis = new RedisServer();
        var firstSpans = new SpanCollection();
        var secondSpans = new SpanCollection();
        using var first = new AppFactory { Customise = OnTheBus(redis, "first", firstSpans) };
        using var second = AppFactory.SharingDatabaseWith(first, OnTheBus(redis, "second", secondSpans));
        var client = await first.ClientForAsync(DemoUsers.SupplierA);
        await second.ClientForAsync(DemoUsers.SupplierA);
        foreach (var server in new[] { first, second })
        {
            await TestApi.EventuallyAsync(() => Task.FromResult(server.Services.GetRequiredService<LiveBus>().Status.State), s => s == LiveBusState.Connected, "both servers on the bus");
        }

        // The second server reads the whole database once when it joins the bus; a write that this first read takes in
        // moves no day when its news arrives, so it pushes nothing. That read happens once: a later write's news moves
        // its days.
        // On a loaded machine that read can take a while, so writes go on until one's push comes or a minute passes.
        IReadOnlyList<string>? chain = null;
        var writes = 0;
        var lastTrace = new List<string>();
        for (var giveUp = DateTime.UtcNow.AddSeconds(60); chain is null && DateTime.UtcNow < giveUp;)
        {
            // A write made while a server is off the bus is read back by its resync, outside the write's trace.
            foreach (var server in new[] { first, second })
            {
                await TestApi.EventuallyAsync(() => Task.FromResult(server.Services.GetRequiredService<LiveBus>().Status.State), s => s == LiveBusState.Connected, "both servers on the bus");
            }

            var trace = await NotifyInANewTraceAsync(client);
            writes++;

            // Both servers run in this process, so each exports the other's spans too: the second server's push is the
            // one that came over the bus.
            for (var deadline = DateTime.UtcNow.AddSeconds(10); chain is null && DateTime.UtcNow < deadline; await Task.Delay(50))
            {
                chain = secondSpans.Snapshot().Where(s => s.TraceId == trace && s.DisplayName == "heatmap.push").Select(secondSpans.AncestorsOf).FirstOrDefault(a => a.Contains("live.heard"));
            }

            lastTrace = [.. secondSpans.Snapshot().Where(s => s.TraceId == trace).Select(s => s.DisplayName)];
        }

        var heard = secondSpans.Snapshot().Count(span => span.DisplayName == "live.heard");
        Assert.True(chain is not null, $"No push over the bus in {writes} writes; the second server heard {heard} pieces of news in all (bus {second.Services.GetRequiredService<LiveBus>().Status.State}); the last write's trace held there: {string.Join(", ", lastTrace)}");
        Assert.Equal(["DayStatusFeed delivered", "ledger.apply", "LiveFeed`1 delivered", "live.heard"], chain!.Take(4));
    }

    [Fact]
    public async Task With_an_OTLP_endpoint_set_the_spans_of_a_write_reach_the_collector()
    {
        using var collector = new OtlpReceiver();
        using var app = new AppFactory
        {
            Customise = builder =>
            {
                builder.UseSetting("Telemetry:OtlpEndpoint", collector.Endpoint.ToString());
                builder.UseSetting("Telemetry:OtlpProtocol", "HttpProtobuf");
            },
        };
        var client = await app.ClientForAsync(DemoUsers.SupplierA);

        var trace = (await NotifyInANewTraceAsync(client)).ToHexString();

        // The batch exporter sends every five seconds.
        var received = await Eventually.ReadAsync(
            () => Task.FromResult(collector.Spans.Where(span => span.TraceId == trace).Select(span => span.Name).ToList()),
            names => names.Contains("change.notified") && names.Contains("heatmap.push"),
            "the write's spans at the collector",
            TimeSpan.FromSeconds(30));
        Assert.Contains("ledger.apply", received);
    }

    /// <summary>
    /// Notifies a change in a trace of its own, as a caller that traces would: every test server in this process sees
    /// every span, other tests' writes included, so a span is told as this write's by its trace alone.
    /// </summary>
    private static async Task<ActivityTraceId> NotifyInANewTraceAsync(HttpClient client)
    {
        var trace = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/changes", UriKind.Relative))
        {
            Content = JsonContent.Create(Bodies.Change(TestDates.Next(), type: "Firmware", hours: 30)),
        };
        request.Headers.Add("traceparent", $"00-{trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var response = await client.SendAsync(request);
        await response.ExpectAsync(HttpStatusCode.Created);
        return trace;
    }

    private static async Task<Activity> RequestSpanAsync(SpanCollection spans, ActivityTraceId trace) =>
        (await TestApi.EventuallyAsync(
            () => Task.FromResult(spans.Snapshot().FirstOrDefault(s => s.Kind == ActivityKind.Server && s.TraceId == trace)),
            s => s is not null,
            "the write's request span"))!;

    private static Action<IWebHostBuilder> Exporting(SpanCollection spans) =>
        builder => builder.ConfigureTestServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)));

    private static Action<IWebHostBuilder> OnTheBus(RedisServer redis, string name, SpanCollection spans) => builder =>
    {
        builder.UseSetting("Live:Redis", redis.Configuration);
        builder.UseSetting("Live:ServerName", name);
        Exporting(spans)(builder);
    };
}
