namespace ChangeCoordination.Web.Features.Freeze;

/// <summary>
/// The freeze room: the change-freeze windows in memory (<see cref="FreezeCalendar"/>) and their declaration and
/// withdrawal (<see cref="FreezeWindows"/>, mapped by <see cref="FreezeWindowEndpoints"/>).
/// </summary>
public static class FreezeFeature
{
    public static WebApplicationBuilder AddFreezeFeature(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<FreezeCalendar>();
        builder.Services.AddSingleton<FreezeWindows>();
        return builder;
    }
}
