namespace ChangeCoordination.Web.Features.Methodologies;

/// <summary>
/// The methodology room: the methodology in force as published (<see cref="MethodologyDocument"/>), its versions
/// drafted, consulted on and approved (<see cref="MethodologyService"/>), and each approved version put in force on its
/// effective date (<see cref="MethodologySwitch"/>); <see cref="MethodologyEndpoints"/> maps the routes.
/// </summary>
public static class MethodologiesFeature
{
    public static WebApplicationBuilder AddMethodologiesFeature(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<MethodologySwitch>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MethodologySwitch>());
        builder.Services.AddSingleton<MethodologyService>();
        return builder;
    }
}
