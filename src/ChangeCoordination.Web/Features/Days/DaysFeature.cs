namespace ChangeCoordination.Web.Features.Days;

/// <summary>
/// The day room: everything about one day, for the API and the drill-down page (<see cref="DayReader"/>, mapped by
/// <see cref="DayEndpoints"/>).
/// </summary>
public static class DaysFeature
{
    public static WebApplicationBuilder AddDaysFeature(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DayReader>();
        return builder;
    }
}
