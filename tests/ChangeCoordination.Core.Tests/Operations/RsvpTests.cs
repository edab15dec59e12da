using ChangeCoordination.Core.Operations;

namespace ChangeCoordination.Core.Tests.Operations;

public class RsvpTests
{
    private static readonly VariantRules Defaults = new(ServiceRequestVariants.Defaults);

    private static ServiceRequestRecord Request(string srv, double seconds, string outcome = "I0", string? alert = null)
    {
        var received = London.At(2026, 12, 1, 10);
        return new ServiceRequestRecord(srv, SmetsGeneration.SMETS2, CspRegion.North, received, received.AddSeconds(seconds), outcome, alert);
    }

    [Fact]
    public void Four_top_ups_give_the_hand_computed_volume_times_target_share_and_failure_share()
    {
        // Round trips 10, 20, 40 and 90 s against a 30 s target; the second fails with E201, the third with alert N12.
        var figures = Rsvp.Measure([Request("2.2", 10), Request("2.2", 20, "E201"), Request("2.2", 40, alert: "N12"), Request("2.2", 90)], Defaults);

        Assert.Equal(4, figures.Volume);
        Assert.Equal(40, figures.MeanSeconds);
        Assert.Equal(30, figures.MedianSeconds);
        Assert.Equal(10, figures.MinSeconds);
        Assert.Equal(90, figures.MaxSeconds);
        Assert.Equal(2, figures.WithinTarget);
        Assert.Equal(0.5, figures.WithinTargetShare);
        Assert.Equal(2, figures.Failures);
        Assert.Equal(0.5, figures.FailureShare);
    }

    [Fact]
    public void An_odd_count_takes_the_middle_round_trip_as_the_median()
    {
        var figures = Rsvp.Measure([Request("6.23", 5), Request("6.23", 100), Request("6.23", 7)], Defaults);

        Assert.Equal(7, figures.MedianSeconds);
        Assert.Equal(112 / 3.0, figures.MeanSeconds!.Value, 9);
    }

    [Theory]
    [InlineData("E201", null, true)]
    [InlineData("e212", null, true)]
    [InlineData("I0", "N13", true)]
    [InlineData("E20", null, false)]
    [InlineData("I0", "N1", false)]
    [InlineData("E101", "8F72", false)]
    public void Only_E201_E212_and_alerts_N12_N13_count_as_failures(string outcome, string? alert, bool failed) =>
        Assert.Equal(failed, ServiceRequestVariants.IsFailure(Request("2.2", 1, outcome, alert)));

    [Fact]
    public void Scheduled_reads_and_alerts_are_measured_against_their_own_targets()
    {
        // 5.1 has a 24 h target: 10 hours is within. An alert has 60 s: 61 s is not.
        Assert.Equal(1, Rsvp.Measure([Request("5.1", 36_000)], Defaults).WithinTarget);
        Assert.Equal(0, Rsvp.Measure([Request("ALERT", 61)], Defaults).WithinTarget);
        Assert.Equal(1, Rsvp.Measure([Request("ALERT", 60)], Defaults).WithinTarget);
    }

    [Fact]
    public void No_requests_give_volume_zero_and_no_figures()
    {
        var figures = Rsvp.Measure([], Defaults);

        Assert.Equal(0, figures.Volume);
        Assert.Null(figures.MeanSeconds);
        Assert.Null(figures.WithinTargetShare);
        Assert.Null(figures.FailureShare);
    }

    [Fact]
    public void Every_business_process_of_seed_004_has_at_least_one_variant()
    {
        Assert.All(Enum.GetValues<BusinessProcess>(), p => Assert.Contains(ServiceRequestVariants.Defaults, v => v.Process == p));
        Assert.Equal(BusinessProcess.ChangeOfSupplier, Defaults.Find(" 6.23 ")!.Process);
        Assert.Null(Defaults.Find("99.9"));
    }

    [Fact]
    public void A_request_is_measured_against_the_target_of_the_table_it_is_given()
    {
        var slower = new VariantRules([new VariantRule("2.2", BusinessProcess.Prepayment, TimeSpan.FromSeconds(120), "Top Up Device")]);

        Assert.Equal(0, Rsvp.Measure([Request("2.2", 90)], Defaults).WithinTarget);
        Assert.Equal(1, Rsvp.Measure([Request("2.2", 90)], slower).WithinTarget);
        Assert.Equal(0, Rsvp.Measure([Request("6.23", 1)], slower).WithinTarget);
    }
}
