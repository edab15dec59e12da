using ChangeCoordination.Core.Operations;

namespace ChangeCoordination.Core.Tests.Operations;

public class IncidentTests
{
    private static readonly Period December = new(London.At(2026, 12, 1), London.At(2027, 1, 1));

    private static IncidentRecord Incident(string reference, int category, DateTimeOffset opened, double? respondedHours, double? resolvedHours, ResponsibleParty party = ResponsibleParty.Dcc) =>
        new(reference, category, opened, respondedHours is { } r ? opened.AddHours(r) : null, resolvedHours is { } s ? opened.AddHours(s) : null, party);

    [Fact]
    public void Cpm5_counts_the_DCCs_category_3_4_and_5_incidents_raised_in_the_period_against_their_targets()
    {
        IncidentRecord[] incidents =
        [
            Incident("I1", 3, London.At(2026, 12, 1, 9), 3, 20),
            Incident("I2", 3, London.At(2026, 12, 5, 10), 5, 48),
            Incident("I3", 4, London.At(2026, 12, 10), 8, null),
            Incident("I4", 5, London.At(2026, 12, 11), 1, 2, ResponsibleParty.DccUser),
            Incident("I5", 3, London.At(2026, 11, 30, 23), 1, 2),
            Incident("I6", 2, London.At(2026, 12, 12), 1, 2),
        ];

        var figures = Incidents.Cpm5(incidents, December).ToDictionary(f => f.Category);

        Assert.Equal([3, 4, 5], figures.Keys.Order());
        Assert.Equal(new CategoryFigures(3, 2, 1, 1, 0, 34, 34, 48), figures[3]);
        Assert.Equal(new CategoryFigures(4, 1, 1, 0, 1, null, null, null), figures[4]);
        Assert.Equal(new CategoryFigures(5, 0, 0, 0, 0, null, null, null), figures[5]);
    }

    [Theory]
    [InlineData(1, 0.5, 4, true, true)]
    [InlineData(1, 0.51, 4.01, false, false)]
    [InlineData(2, 1, 8, true, true)]
    [InlineData(5, 24, 120, true, true)]
    [InlineData(5, 25, 121, false, false)]
    public void Targets_are_met_at_the_limit_and_missed_beyond_it(int category, double responded, double resolved, bool responseMet, bool resolutionMet)
    {
        var incident = Incident("I", category, London.At(2026, 12, 1, 9), responded, resolved);

        Assert.Equal(responseMet, Incidents.MetResponse(incident));
        Assert.Equal(resolutionMet, Incidents.MetResolution(incident));
    }

    [Fact]
    public void An_incident_not_yet_responded_to_has_not_met_its_response_target() =>
        Assert.False(Incidents.MetResponse(Incident("I", 3, London.At(2026, 12, 1, 9), null, null)));
}
