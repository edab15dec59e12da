using BenchmarkDotNet.Attributes;
using ChangeCoordination.Core;
using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Core.Heatmap;
using ChangeCoordination.Core.Risk;

namespace ChangeCoordination.Benchmarks;

/// <summary>
/// Methodology versions over 100,000 changes spread over two years: a what-if (the changes of three months computed
/// under a draft into a copy of the ledger) and a version taking force half-way (every change covering a day
/// from its effective date recomputed into the live ledger).
/// </summary>
[MemoryDiagnoser]
public class MethodologyBenchmarks
{
    private static readonly DateOnly First = new(2026, 1, 1);
    private const int Days = 730;

    private RiskInput[] inputs = [];
    private Methodology draft = Methodology.Default;
    private DayLedger ledger = new();
    private MethodologyTimeline[] timelines = [];
    private int turn;

    [Params(100_000)]
    public int Changes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        inputs = new RiskInput[Changes];
        for (var i = 0; i < Changes; i++)
        {
            var start = LondonTime.At(First.AddDays(random.Next(Days)), new TimeOnly(random.Next(24), random.Next(4) * 15));
            var window = new OutageWindow(start, start.AddMinutes(random.Next(30, 14 * 60)));
            inputs[i] = i % 5 == 0
                ? RiskInput.Internal(i, window, random.Next(1, 6), random.Next(1, 6), 1)
                : RiskInput.External(i, (ChangeType)random.Next(3), window, random.Next(3) == 0 ? null : (Probability)random.Next(3), 1);
        }

        draft = (MethodologyValues.Of(Methodology.Default) with { LargeAboveHours = 8 }).ToMethodology("2.0");
        timelines = [MethodologyTimeline.Default, new([new(DateOnly.MinValue, Methodology.Default), new(First.AddDays(Days / 2), draft)])];
        ledger = new DayLedger();
        ledger.Load(inputs.Select(i => i.EntryUnder(MethodologyTimeline.Default)));
    }

    [Benchmark(Description = "What-if over three months: the changes in range under a draft into a copy (RiskLedger.RangeUnder)")]
    public int WhatIf()
    {
        var from = First.AddDays(Days / 2);
        var to = from.AddMonths(3).AddDays(-1);
        var timeline = MethodologyTimeline.Only(draft);
        var copy = new DayLedger();
        copy.Load(inputs.Where(i => i.LastDay >= from && i.FirstDay <= to).Select(i => i.EntryUnder(timeline)));
        return copy.Range(HeatmapView.Overall, from, to).Count;
    }

    [Benchmark(Description = "A version takes force half-way: the changes from its date on recomputed")]
    public int TakeForce()
    {
        var timeline = timelines[++turn % 2];
        var from = First.AddDays(Days / 2);
        var moved = 0;
        foreach (var input in inputs)
        {
            if (input.LastDay >= from)
            {
                moved += ledger.Upsert(input.EntryUnder(timeline)).Count;
            }
        }

        return moved;
    }
}
