using Bunit;
using ChangeCoordination.Web.Features.Calendar;
using ChangeCoordination.Web.Live;
using ChangeCoordination.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;

namespace ChangeCoordination.Web.Tests.Components;

/// <summary>
/// One base for component tests: loose JS interop, MudBlazor services, and the real rule book, ledger and feed
/// with a fixed clock on the day the component tests are written for (<see cref="CalendarAppFactory.Start"/>,
/// Tuesday 1 December 2026, 10:00 GMT).
/// </summary>
public abstract class ComponentTest : BunitContext, IAsyncLifetime
{
    protected ComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
        Services.AddSingleton<TimeProvider>(Clock);
        Services.AddSingleton(Rules);
        Services.AddSingleton(Feed);
        Services.AddSingleton(Ledger);
        Services.AddSingleton(Freezes);
        Services.AddSingleton<Web.Components.Heatmap.HeatmapCells>();
        Services.AddSingleton<Features.Changes.QuietWindows>();
        Services.AddSingleton(PageAddress);
        Services.AddSingleton(TestMetrics.Create());
    }

    /// <summary>The address the rendered page was opened from, as the root component hands it to a circuit.</summary>
    protected Identity.ClientAddress PageAddress { get; } = new() { Value = "203.0.113.7" };

    protected FakeTimeProvider Clock { get; } = new(CalendarAppFactory.Start);

    protected RuleBook Rules => rules ??= new RuleBook(Clock, new PlanningHorizon(Options.Create(new PlanningSettings())));

    protected DayStatusFeed Feed { get; } = new(NullLogger<DayStatusFeed>.Instance);

    protected Features.Freeze.FreezeCalendar Freezes { get; } = new();

    protected RiskLedger Ledger => ledger ??= new RiskLedger(Feed, Rules, NoBus.Create(), TestMetrics.Create(), NullLogger<RiskLedger>.Instance);

    private RiskLedger? ledger;

    private RuleBook? rules;

    public Task InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => base.DisposeAsync().AsTask();
}
