using System.Text.Json.Serialization;
using ChangeCoordination.Web.Api;
using ChangeCoordination.Web.Components;
using ChangeCoordination.Web.Components.Heatmap;
using ChangeCoordination.Web.Features;
using ChangeCoordination.Web.Features.Access;
using ChangeCoordination.Web.Features.Audit;
using ChangeCoordination.Web.Features.Calendar;
using ChangeCoordination.Web.Features.Changes;
using ChangeCoordination.Web.Features.Changes.Upload;
using ChangeCoordination.Web.Features.Days;
using ChangeCoordination.Web.Features.Feeds;
using ChangeCoordination.Web.Features.Freeze;
using ChangeCoordination.Web.Features.Heatmap;
using ChangeCoordination.Web.Features.InternalChanges;
using ChangeCoordination.Web.Features.Methodologies;
using ChangeCoordination.Web.Features.Notifications;
using ChangeCoordination.Web.Features.Operations;
using ChangeCoordination.Web.Features.Retention;
using ChangeCoordination.Web.Features.Reviews;
using ChangeCoordination.Web.Features.Support;
using ChangeCoordination.Web.Live;
using MudBlazor.Services;

namespace ChangeCoordination.Web.Hosting;

/// <summary>
/// The shared services (the clock, JSON, OpenAPI, SignalR, the audit trail) and the services and endpoints of the
/// features that do not register themselves yet; a feature that does (Assessment, Backups, Causes, Records) is called
/// from Program.cs, its table of contents.
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
        services.AddOpenApi(OpenApiNullableEnums.Add);
        services.AddSignalR();
        services.AddHostedService<HeatmapHubBroadcaster>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<PeopleAdmin>();
        services.AddSingleton<ChangeService>();
        services.AddSingleton<InternalChangeService>();
        services.AddSingleton<DayReader>();
        services.AddSingleton<HighRiskDays>();
        services.AddSingleton<FreezeCalendar>();
        services.AddSingleton<CalendarFeeds>();
        services.AddSingleton<QuietWindows>();
        services.AddSingleton<PlanUpload>();
        services.AddSingleton<OperationsImport>();
        services.AddSingleton<OperationsStore>();
        services.AddSingleton<PerformanceReports>();
        services.AddSingleton<VariantBook>();
        services.AddSingleton<VariantTableEditor>();
        services.AddSingleton<OutcomeReports>();
        services.AddSingleton<NotificationFeed>();
        services.AddSingleton<NotificationService>();
        services.AddHostedService<HighRiskDayNotifier>();
        services.AddOptions<SmtpSettings>().BindConfiguration("Smtp").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<EmailOutboxSender>();
        services.AddHostedService(sp => sp.GetRequiredService<EmailOutboxSender>());
        services.AddSingleton<FailedEmails>();
        services.AddSingleton<FreezeWindows>();
        services.AddSingleton<SupportPlanFeed>();
        services.AddSingleton<SupportPlanService>();
        services.AddSingleton<SupportPlanKeeper>();
        services.AddHostedService(sp => sp.GetRequiredService<SupportPlanKeeper>());
        services.AddOptions<RetentionSettings>().BindConfiguration("Retention").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ChangeRetention>();
        services.AddHostedService(sp => sp.GetRequiredService<ChangeRetention>());
        services.AddSingleton<MethodologySwitch>();
        services.AddHostedService(sp => sp.GetRequiredService<MethodologySwitch>());
        services.AddSingleton<MethodologyService>();
        builder.AddReviews();
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
        app.MapChangeEndpoints();
        app.MapReviewEndpoints();
        app.MapBatchEndpoints();
        app.MapScheduleFileEndpoints();
        app.MapInternalChangeEndpoints();
        app.MapHeatmapEndpoints();
        app.MapDayEndpoints();
        app.MapHighRiskDayEndpoints();
        app.MapSupportPlanEndpoints();
        app.MapBankHolidayEndpoints();
        app.MapFreezeWindowEndpoints();
        app.MapCalendarFeedEndpoints();
        app.MapNotificationEndpoints();
        app.MapMethodologyEndpoints();
        app.MapOperationsEndpoints();
        app.MapVariantTableEndpoints();
        app.MapAccessEndpoints();
        app.MapAuditEndpoints();
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
