using System.Diagnostics;
using System.Diagnostics.Metrics;
using ChangeCoordination.Core.Heatmap;
using ChangeCoordination.Web.Api;
using ChangeCoordination.Web.Live;

namespace ChangeCoordination.Web.Observability;

/// <summary>
/// The app's own instruments on the <see cref="MeterName"/> meter. Names follow OpenTelemetry's conventions; Prometheus
/// shows them with underscores and unit suffixes (<c>cc.write.duration</c> in seconds is
/// <c>cc_write_duration_seconds</c>). docs/running.md lists each with the alert it should have. Tags are kinds and
/// outcomes, never a reference or a User's data, so that every series stays few and anonymous.
/// </summary>
public sealed class AppMetrics
{
    public const string MeterName = "ChangeCoordination";

    private static readonly double[] SecondsBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Counter<long> writes;
    private readonly Histogram<double> writeDuration;
    private readonly Histogram<double> ledgerApply;
    private readonly Counter<long> pushes;
    private readonly Counter<long> daysPushed;
    private readonly Counter<long> renders;
    private readonly UpDownCounter<long> hubConnections;
    private readonly Counter<long> outboxFailures;
    private readonly Counter<long> importedRows;
    private long outboxDepth = -1;

    public AppMetrics(IMeterFactory meterFactory, LiveBus bus)
    {
        var meter = meterFactory.Create(MeterName);
        writes = meter.CreateCounter<long>("cc.writes", "{write}", "Writes by kind (the audited action) and outcome (Ok, Created, Invalid, Stale, Conflict, NotFound, PreconditionRequired, Failed).");
        writeDuration = meter.CreateHistogram("cc.write.duration", "s", "How long a write took, from its start to its commit and ledger update.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        ledgerApply = meter.CreateHistogram("cc.ledger.apply.duration", "s", "How long the risk ledger took to apply one committed change and publish its days.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        pushes = meter.CreateCounter<long>("cc.live.pushes", "{push}", "Publications of moved days to this server's viewers (hub clients and open screens).");
        daysPushed = meter.CreateCounter<long>("cc.live.days_pushed", "{day}", "Days whose status moved and were pushed, by heatmap view.");
        renders = meter.CreateCounter<long>("cc.live.renders", "{render}", "Renders of an open screen caused by a push, by screen: divided by cc.live.pushes, the renders per push.");
        hubConnections = meter.CreateUpDownCounter<long>("cc.hub.connections", "{connection}", "Clients connected to the heatmap hub (/hubs/heatmap) on this server.");
        outboxFailures = meter.CreateCounter<long>("cc.outbox.failures", "{attempt}", "E-mail attempts that failed: result retry (tried again later) or gave_up (left for the Site Owner).");
        importedRows = meter.CreateCounter<long>("cc.import.rows", "{row}", "Rows of an import or upload, by source and result (imported, refused).");
        meter.CreateObservableGauge("cc.outbox.depth", () => Volatile.Read(ref outboxDepth) is >= 0 and var depth ? [new Measurement<long>(depth)] : Array.Empty<Measurement<long>>(), "{email}", "E-mails waiting to be sent (not sent, not given up), as the outbox last counted them.");
        meter.CreateObservableGauge("cc.bus.state", () => ObserveBus(bus.Status.State), "{state}", "1 for the live bus's state (off, connected, lost), 0 for the others.");
    }

    /// <summary>Times a write and counts it with its outcome; its span is a child of the request or page event.</summary>
    public async Task<Outcome<T>> MeasureWriteAsync<T>(string kind, Func<Task<Outcome<T>>> write)
    {
        using var activity = AppActivities.Source.StartActivity(kind);
        var started = Stopwatch.GetTimestamp();
        var outcome = "Failed";
        try
        {
            var result = await write();
            outcome = result.Kind.ToString();
            activity?.SetTag("cc.outcome", outcome);
            return result;
        }
        catch (Exception exception)
        {
            activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            throw;
        }
        finally
        {
            var tags = new TagList { { "kind", kind }, { "outcome", outcome } };
            writes.Add(1, tags);
            writeDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
        }
    }

    public void LedgerApplied(long startedTimestamp) => ledgerApply.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds);

    public void Pushed(IReadOnlyList<DayStatusChange> days)
    {
        pushes.Add(1);
        foreach (var group in days.GroupBy(d => d.View))
        {
            daysPushed.Add(group.Count(), new KeyValuePair<string, object?>("view", group.Key.ToString().ToLowerInvariant()));
        }
    }

    public void Rendered(string screen) => renders.Add(1, new KeyValuePair<string, object?>("screen", screen));

    public void HubConnected() => hubConnections.Add(1);

    public void HubDisconnected() => hubConnections.Add(-1);

    public void OutboxCounted(long depth) => Volatile.Write(ref outboxDepth, depth);

    public void OutboxFailed(bool gaveUp) => outboxFailures.Add(1, new KeyValuePair<string, object?>("result", gaveUp ? "gave_up" : "retry"));

    public void RowsImported(string source, int imported, int refused)
    {
        importedRows.Add(imported, new TagList { { "source", source }, { "result", "imported" } });
        importedRows.Add(refused, new TagList { { "source", source }, { "result", "refused" } });
    }

    private static IEnumerable<Measurement<int>> ObserveBus(LiveBusState state) =>
        Enum.GetValues<LiveBusState>().Select(s => new Measurement<int>(s == state ? 1 : 0, new KeyValuePair<string, object?>("state", s.ToString().ToLowerInvariant())));
}
