using System.Diagnostics.Metrics;
using ChangeCoordination.Web.Observability;
using Microsoft.Extensions.DependencyInjection;

namespace ChangeCoordination.Web.Tests.Infrastructure;

/// <summary>The app's instruments for a service built by hand, on a meter factory of their own that no exporter reads.</summary>
public static class TestMetrics
{
    private static readonly IMeterFactory Meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();

    public static AppMetrics Create() => new(Meters, NoBus.Create());
}
