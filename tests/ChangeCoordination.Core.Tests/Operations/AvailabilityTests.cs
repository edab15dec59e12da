using ChangeCoordination.Core.Operations;

namespace ChangeCoordination.Core.Tests.Operations;

public class AvailabilityTests
{
    // Tuesday 1 December 2026, GMT: 1,440 minutes.
    private static readonly Period Day = new(London.At(2026, 12, 1), London.At(2026, 12, 2));

    private static OutageRecord Outage(DccService service, CspRegion? region, int fromHour, int fromMinute, int toHour, int toMinute, bool planned = false, string subSystem = "A") =>
        new([service], subSystem, region, London.At(2026, 12, 1, fromHour, fromMinute), London.At(2026, 12, 1, toHour, toMinute), planned);

    private static readonly OutageRecord[] Outages =
    [
        Outage(DccService.UserInterface, CspRegion.North, 10, 0, 11, 0),
        Outage(DccService.UserInterface, null, 10, 30, 12, 0, subSystem: "B"),
        Outage(DccService.UserInterface, CspRegion.North, 11, 30, 13, 0, planned: true),
        Outage(DccService.RegistrationDataInterface, null, 15, 0, 16, 0),
        Outage(DccService.UserInterface, CspRegion.South, 18, 0, 19, 0),
        Outage(DccService.UserInterface, CspRegion.North, 20, 0, 20, 55),
        Outage(DccService.UserInterface, CspRegion.North, 21, 30, 22, 30),
    ];

    private static readonly Period[] ForwardSchedule = [new(London.At(2026, 12, 1, 21), London.At(2026, 12, 1, 22))];

    [Theory]
    [InlineData(235, "3.91")]
    [InlineData(60, "1.00")]
    [InlineData(59, "0.98")]
    [InlineData(0, "0.00")]
    public void Downtime_shows_in_hours_cut_to_two_decimals(int minutes, string hours) =>
        Assert.Equal(decimal.Parse(hours, System.Globalization.CultureInfo.InvariantCulture), Availabilities.Hours(TimeSpan.FromMinutes(minutes)));

    [Fact]
    public void Overlapping_sub_system_outages_count_once_and_planned_maintenance_is_excluded()
    {
        // Unplanned: 10:00-12:00 less the planned 11:30-13:00 is 90 min; 20:00-20:55 is 55; 21:30-22:30 less the
        // Forward Schedule's 21:00-22:00 is 30. 175 min in three failures. Planned: 90 + 60 = 150 min.
        var north = Availabilities.Measure(DccService.UserInterface, CspRegion.North, Day, Outages, ForwardSchedule);

        Assert.Equal(TimeSpan.FromMinutes(175), north.UnplannedDowntime);
        Assert.Equal(TimeSpan.FromMinutes(150), north.PlannedMaintenance);
        Assert.Equal(TimeSpan.FromMinutes(1115), north.Uptime);
        Assert.Equal(3, north.Failures);
        Assert.Equal(1115.0 / 1290, north.Availability, 12);
        Assert.Equal(2.91m, north.DowntimeHours);
        Assert.Equal(175.0 / 60 / 3, north.MttrHours!.Value, 12);
        Assert.Equal(1115.0 / 60 / 3, north.MtbfHours!.Value, 12);
    }

    [Fact]
    public void Downtime_splits_into_the_time_of_day_bands()
    {
        // Tuesday 08:00-20:00 holds 10:00-11:30 down and 11:30-13:00 planned: 540 min up. The night bands (00:00-08:00,
        // Monday's night, and 20:00-24:00) hold 85 min down and 60 planned of 720: 575 min up.
        var bands = Availabilities.Measure(DccService.UserInterface, CspRegion.North, Day, Outages, ForwardSchedule).Bands.ToDictionary(b => b.Band);

        Assert.Equal(TimeSpan.FromMinutes(90), bands[TimeBand.WeekdayDay].UnplannedDowntime);
        Assert.Equal(TimeSpan.FromMinutes(540), bands[TimeBand.WeekdayDay].Uptime);
        Assert.Equal(TimeSpan.FromMinutes(85), bands[TimeBand.WeekdayNight].UnplannedDowntime);
        Assert.Equal(TimeSpan.FromMinutes(575), bands[TimeBand.WeekdayNight].Uptime);
        Assert.Equal(540.0 / 630, bands[TimeBand.WeekdayDay].Availability, 12);
        Assert.Equal(TimeSpan.Zero, bands[TimeBand.Sunday].Uptime + bands[TimeBand.Sunday].UnplannedDowntime);
    }

    [Fact]
    public void An_outage_with_no_region_takes_the_service_down_in_every_region_and_others_only_in_theirs()
    {
        // South: the all-regions 10:30-12:00 (90) and its own 18:00-19:00 (60); the North-only planned slot does not apply.
        var south = Availabilities.Measure(DccService.UserInterface, CspRegion.South, Day, Outages, ForwardSchedule);
        var central = Availabilities.Measure(DccService.UserInterface, CspRegion.Central, Day, Outages, ForwardSchedule);

        Assert.Equal(TimeSpan.FromMinutes(150), south.UnplannedDowntime);
        Assert.Equal(2, south.Failures);
        Assert.Equal(TimeSpan.FromMinutes(90), central.UnplannedDowntime);
    }

    [Fact]
    public void A_service_without_outages_is_fully_available_with_no_MTTR_or_MTBF()
    {
        var ssi = Availabilities.Measure(DccService.SelfServiceInterface, CspRegion.North, Day, Outages, []);

        Assert.Equal(1, ssi.Availability);
        Assert.Equal(0, ssi.Failures);
        Assert.Null(ssi.MttrHours);
        Assert.Null(ssi.MtbfHours);
        Assert.Equal(TimeSpan.FromDays(1), ssi.Uptime);
    }

    [Fact]
    public void The_disruption_of_a_day_is_the_time_any_service_was_down_anywhere_counted_once()
    {
        // 10:00-12:00, 15:00-16:00, 18:00-19:00, 20:00-20:55 and 22:00-22:30: 325 minutes.
        var down = Availabilities.AnyServiceDown(Day, Outages, ForwardSchedule.Select(w => (DccService.UserInterface, w)));

        Assert.Equal(TimeSpan.FromMinutes(325), down);
    }

    [Fact]
    public void An_outage_is_clipped_to_the_period()
    {
        var night = new OutageRecord([DccService.UserInterface], "A", null, London.At(2026, 11, 30, 23), London.At(2026, 12, 1, 1), false);

        Assert.Equal(TimeSpan.FromHours(1), Availabilities.Measure(DccService.UserInterface, CspRegion.North, Day, [night], []).UnplannedDowntime);
    }
}
