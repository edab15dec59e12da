namespace ChangeCoordination.Web.Features.Feeds;

/// <summary>
/// The feeds room: iCalendar feeds behind revocable secret URLs (<see cref="CalendarFeeds"/>, mapped by
/// <see cref="CalendarFeedEndpoints"/>).
/// </summary>
public static class FeedsFeature
{
    public static WebApplicationBuilder AddFeedsFeature(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CalendarFeeds>();
        return builder;
    }
}
