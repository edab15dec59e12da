namespace ChangeCoordination.Web.Live;

public static class LiveExtensions
{
    /// <summary>
    /// The live bus between servers (<c>Live:Redis</c>) and what keeps this server in line with it. LiveSync starts
    /// before the bus, so that it hears the bus's first connection and reads what other servers wrote while this one
    /// started.
    /// </summary>
    public static WebApplicationBuilder AddChangeCoordinationLive(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<LiveSettings>().BindConfiguration("Live").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<LiveBus>();
        builder.Services.AddSingleton<LiveSync>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LiveSync>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LiveBus>());
        return builder;
    }
}
