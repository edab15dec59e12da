using BenchmarkDotNet.Attributes;
using ChangeCoordination.Core;
using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Core.Heatmap;
using ChangeCoordination.Core.Risk;

namespace ChangeCoordination.Benchmarks;

/// <summary>
/// The day index behind the heatmaps: a full recompute of the three views over two years with 100,000 changes
/// (start-up), and the incremental recompute after one change moves (every write).
/// </summary>
[MemoryDiagnoser]
public class LedgerBenchmarks
{
    private static readonly DateOnly First = new(2026, 1, 1);
    private const int Days = 730;

    private LedgerEntry[] entries = [];
    private DayLedger ledger = new();
    private LedgerEntry moving;
    private LedgerEntry moved;
    private long version;

    [Params(100_000)]
    public int Changes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var methodology = Methodology.Default;
        entries = new LedgerEntry[Changes];
        for (var i = 0; i < Changes; i++)
        {
            var start = LondonTime.At(First.AddDays(random.Next(Days)), new TimeOnly(random.Next(24), random.Next(4) * 15));
            var window = new OutageWindow(start, start.AddMinutes(random.Next(30, 14 * 60)));
            var source = i % 5 == 0 ? ChangeSource.Internal : ChangeSource.External;
            var probability = random.Next(3) == 0 ? (Probability?)null : (Probability)random.Next(3);
            var impact = RiskRules.ImpactOf((ChangeType)random.Next(3), window, methodology);
            var internalRisk = RiskRules.InternalRiskOf(random.Next(1, 6), random.Next(1, 6), methodology);
            var range = source == ChangeSource.Internal
                ? new RiskRange(internalRisk, internalRisk)
                : RiskRules.RangeOf(impact, probability, methodology);
            entries[i] = new LedgerEntry(new ChangeKey(source, i), window, range, source == ChangeSource.External && probability is null, 1);
        }

        ledger = new DayLedger();
        ledger.Load(entries);
        moving = entries[Changes / 2];
        moved = moving with { Window = new OutageWindow(moving.Window.Start.AddDays(3), moving.Window.End.AddDays(3)) };
        version = 1;
    }

    [Benchmark(Description = "Full recompute: load 100,000 changes and read three views over two years")]
    public int FullRecompute()
    {
        var fresh = new DayLedger();
        fresh.Load(entries);
        var last = First.AddDays(Days - 1);
        return fresh.Range(HeatmapView.Overall, First, last).Count
            + fresh.Range(HeatmapView.User, First, last).Count
            + fresh.Range(HeatmapView.Internal, First, last).Count;
    }

    [Benchmark(Description = "Incremental: one change moves three days later")]
    public int MoveOneChange()
    {
        version++;
        var target = version % 2 == 0 ? moved : moving;
        return ledger.Upsert(target with { Version = version }).Count;
    }
}
