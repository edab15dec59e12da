using System.Text.Json.Serialization;
using ChangeCoordination.Web.Api;
using ChangeCoordination.Web.Components;
using ChangeCoordination.Web.Components.Heatmap;
using ChangeCoordination.Web.Features;
using ChangeCoordination.Web.Live;
using MudBlazor.Services;

namespace ChangeCoordination.Web.Hosting;

/// <summary>
/// What the features share: the clock, JSON, problem details, route binding, OpenAPI, SignalR and the heatmap hub, the
/// audit trail, health, the reverse proxy, the UI and the pipeline. Every feature registers and maps itself from its
/// own folder, and Program.cs, the table of contents, calls each one.
/// </summary>
public static class HostingExtensions
{
    public static WebApplicationBuilder AddChangeCoordinationApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var clock = StartedClock.FromConfiguration(builder.Configuration, builder.Environment);
        services.AddSingleton(clock);
        if (clock is StartedClock)
        {
            StartedClock.KeepSignInOnRealTime(services);
        }

        services.AddHttpContextAccessor();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddProblemDetails();
        services.Configure<RouteHandlerOptions>(BindingFailures.ThrowOnEveryFailure);
        services.AddOpenApi(options =>
        {
            OpenApiNullableEnums.Add(options);
            OpenApiPlainUnions.Add(options);
        });
        services.AddSignalR();
        services.AddHostedService<HeatmapHubBroadcaster>();
        services.AddSingleton<AuditTrail>();
        builder.AddChangeCoordinationHealth();
        builder.AddChangeCoordinationReverseProxy();
        return builder;
    }

    public static WebApplicationBuilder AddChangeCoordinationUi(this WebApplicationBuilder builder)
    {
        builder.AddChangeCoordinationGracefulStop();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddSingleton<HeatmapCells>();
        return builder;
    }

    public static WebApplication UseChangeCoordinationPipeline(this WebApplication app)
    {
        app.UseStoppingGate();
        app.UseChangeCoordinationReverseProxy();
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseWhen(IsApi, api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseWhen(context => !IsApi(context), pages =>
        {
            if (!app.Environment.IsDevelopment())
            {
                pages.UseExceptionHandler("/Error", createScopeForErrors: true);
            }

            pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        });
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseAntiforgery();

        // Last before the endpoints, so that it sees a binding failure before either branch's exception handler makes it a 500.
        app.UseMiddleware<BindingFailures>();
        return app;
    }

    public static WebApplication MapChangeCoordinationApi(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapHub<HeatmapHub>(HeatmapHub.Path);
        app.MapChangeCoordinationHealth();
        return app;
    }

    public static WebApplication MapChangeCoordinationUi(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    private static bool IsApi(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/hubs");
}
