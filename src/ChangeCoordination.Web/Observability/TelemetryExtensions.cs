using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Hosting;
using Microsoft.Extensions.Diagnostics.Metrics;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ChangeCoordination.Web.Observability;

/// <summary>
/// OpenTelemetry for the app: its own meter and spans (<see cref="AppMetrics"/>, <see cref="AppActivities"/>), ASP.NET
/// Core's requests, Kestrel, SignalR and Blazor circuits, the runtime, and PostgreSQL's commands; exposed for Prometheus
/// at <see cref="TelemetrySettings.PrometheusPath"/> and sent by OTLP when <see cref="TelemetrySettings.OtlpEndpoint"/>
/// is set.
/// </summary>
public static class TelemetryExtensions
{
    /// <summary>ASP.NET Core's own meters: requests, Kestrel's connections, SignalR's connections, Blazor's circuits and renders.</summary>
    private static readonly string[] FrameworkMeters =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.Components",
        "Microsoft.AspNetCore.Components.Server.Circuits",
        "Microsoft.AspNetCore.RateLimiting",
    ];

    public static WebApplicationBuilder AddChangeCoordinationTelemetry(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("Telemetry").Get<TelemetrySettings>() ?? new TelemetrySettings();
        builder.Services.AddOptions<TelemetrySettings>().BindConfiguration("Telemetry");
        builder.Services.AddSingleton<AppMetrics>();

        // The app's and ASP.NET Core's meters are made by this host's IMeterFactory: enabled for this host's OpenTelemetry
        // listener only (MeterScope.Local), so that two hosts in one process (tests, a farm in one box) never count each
        // other's writes. "OpenTelemetry" is the name WithMetrics gives its listener.
        builder.Services.AddMetrics(metrics =>
        {
            foreach (var meter in (string[])[AppMetrics.MeterName, .. FrameworkMeters])
            {
                metrics.EnableMetrics(meter, instrumentName: null, listenerName: "OpenTelemetry", scopes: MeterScope.Local);
            }
        });
        var postgreSql = DatabaseSettings.Read(builder.Configuration).Provider == DatabaseProvider.PostgreSQL;
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(settings.ServiceName, serviceVersion: typeof(AppMetrics).Assembly.GetName().Version?.ToString()))
            .WithMetrics(metrics =>
            {
                metrics.AddRuntimeInstrumentation();
                if (postgreSql)
                {
                    metrics.AddNpgsqlInstrumentation();
                }

                if (!string.IsNullOrEmpty(settings.PrometheusPath))
                {
                    metrics.AddPrometheusExporter();
                }
            })
            .WithTracing(tracing =>
            {
                tracing.AddSource(AppActivities.SourceName)
                    .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsProbeOrScrape(context.Request.Path, settings));
                if (postgreSql)
                {
                    tracing.AddNpgsql();
                }
            });
        if (settings.OtlpEndpoint is { } endpoint)
        {
            telemetry.UseOtlpExporter(settings.OtlpProtocol, endpoint);
        }

        return builder;
    }

    public static WebApplication MapChangeCoordinationTelemetry(this WebApplication app)
    {
        var settings = app.Configuration.GetSection("Telemetry").Get<TelemetrySettings>() ?? new TelemetrySettings();
        if (!string.IsNullOrEmpty(settings.PrometheusPath))
        {
            // Counts and timings only, never a User's data: anonymous like the health probes, and outside the rate limit
            // so that a scrape is never refused. docs/deploy.md keeps it off the public side of the reverse proxy.
            app.MapPrometheusScrapingEndpoint(settings.PrometheusPath).AllowAnonymous().DisableRateLimiting();
        }

        return app;
    }

    private static bool IsProbeOrScrape(PathString path, TelemetrySettings settings) =>
        path.StartsWithSegments(Health.LivePath) || path.StartsWithSegments(Health.ReadyPath)
        || (!string.IsNullOrEmpty(settings.PrometheusPath) && path.StartsWithSegments(settings.PrometheusPath));
}
