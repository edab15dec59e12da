namespace ChangeCoordination.Web.Features.Retention;

/// <summary>
/// The retention room: changes archived and, years later, disposed of (<see cref="ChangeRetention"/>, configured by
/// <see cref="RetentionSettings"/>). It has no endpoints.
/// </summary>
public static class RetentionFeature
{
    public static WebApplicationBuilder AddRetentionFeature(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RetentionSettings>().BindConfiguration("Retention").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ChangeRetention>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ChangeRetention>());
        return builder;
    }
}
