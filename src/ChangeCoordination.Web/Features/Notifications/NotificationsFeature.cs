namespace ChangeCoordination.Web.Features.Notifications;

/// <summary>
/// The notifications room: the in-app notifications and the bell's news of them (<see cref="NotificationService"/>,
/// <see cref="NotificationFeed"/>, mapped by <see cref="NotificationEndpoints"/>), the red-day warnings
/// (<see cref="HighRiskDayNotifier"/>), and the e-mail outbox with the Site Owner's view of what failed
/// (<see cref="EmailOutboxSender"/>, <see cref="FailedEmails"/>).
/// </summary>
public static class NotificationsFeature
{
    public static WebApplicationBuilder AddNotificationsFeature(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<NotificationFeed>();
        builder.Services.AddSingleton<NotificationService>();
        builder.Services.AddHostedService<HighRiskDayNotifier>();
        builder.Services.AddOptions<SmtpSettings>().BindConfiguration("Smtp").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<EmailOutboxSender>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<EmailOutboxSender>());
        builder.Services.AddSingleton<FailedEmails>();
        return builder;
    }
}
