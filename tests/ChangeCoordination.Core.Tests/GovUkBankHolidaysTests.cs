using System.Globalization;
using System.Text;
using System.Text.Json;
using ChangeCoordination.Core.Calendar;

namespace ChangeCoordination.Core.Tests;

public class GovUkBankHolidaysTests
{
    private static MemoryStream Json(string text) => new MemoryStream(Encoding.UTF8.GetBytes(text));

    private static MemoryStream FileWith(IEnumerable<(string Title, DateOnly Date)> events) => Json(JsonSerializer.Serialize(
        new Dictionary<string, object>
        {
            ["england-and-wales"] = new
            {
                division = "england-and-wales",
                events = events.Select(e => new { title = e.Title, date = e.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), notes = "", bunting = true }),
            },
        }));

    private static MemoryStream RulesOf(int year) => FileWith(BankHolidayRules.ForYear(year).Select(h => (h.Name, h.Date)));

    /// <summary>The England and Wales events of the shipped file, read without the code under test.</summary>
    private static List<(DateOnly Date, string Title)> ShippedEvents()
    {
        using var stream = typeof(GovUkBankHolidays).Assembly.GetManifestResourceStream(GovUkBankHolidays.ResourceName);
        Assert.NotNull(stream);
        using var document = JsonDocument.Parse(stream);
        return [.. document.RootElement.GetProperty("england-and-wales").GetProperty("events").EnumerateArray()
            .Select(e => (DateOnly.ParseExact(e.GetProperty("date").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture), e.GetProperty("title").GetString()!))];
    }

    private static FormatException Refused(string json) =>
        Assert.Throws<FormatException>(() => GovUkBankHolidays.OverridesFrom(Json(json)));

    [Fact]
    public void The_shipped_file_lists_the_GOV_UK_England_and_Wales_dates() =>
        Assert.Equal(BankHolidayTests.GovUkEnglandAndWales, ShippedEvents().Select(e => e.Date));

    [Theory]
    [MemberData(nameof(BankHolidayTests.Years), MemberType = typeof(BankHolidayTests))]
    public void The_overrides_from_the_shipped_file_reproduce_it_exactly(int year)
    {
        var calendar = new WorkingDayCalendar(GovUkBankHolidays.Shipped());
        var published = ShippedEvents().Where(e => e.Date.Year == year).ToList();

        Assert.Equal(published.Select(e => e.Date), calendar.BankHolidaysIn(year).Select(h => h.Date));
        Assert.All(
            calendar.BankHolidaysIn(year).Where(h => !BankHolidayRules.ForYear(year).Contains(h)),
            h => Assert.Equal(published.Single(e => e.Date == h.Date).Title, h.Name));
    }

    [Fact]
    public void The_shipped_overrides_are_the_known_one_off_changes_of_those_years()
    {
        var known = BankHolidayRules.KnownOneOffs.Where(o => o.Date.Year is >= 2019 and <= 2028);

        Assert.Equal(known.Select(o => (o.Date, o.IsHoliday)), GovUkBankHolidays.Shipped().Select(o => (o.Date, o.IsHoliday)));
    }

    [Fact]
    public void A_rule_holiday_missing_from_the_file_is_removed_under_its_rule_name()
    {
        var removed = GovUkBankHolidays.Shipped().Single(o => o.Date == new DateOnly(2022, 5, 30));

        Assert.Equal(new BankHolidayOverride(new DateOnly(2022, 5, 30), false, "Spring bank holiday (not in the published list)"), removed);
    }

    [Fact]
    public void A_file_that_matches_the_rules_needs_no_overrides()
    {
        using var file = RulesOf(2030);

        Assert.Empty(GovUkBankHolidays.OverridesFrom(file));
    }

    [Fact]
    public void A_file_that_moves_a_holiday_gives_one_removal_and_one_addition()
    {
        var events = BankHolidayRules.ForYear(2030)
            .Where(h => h.Date != new DateOnly(2030, 8, 26))
            .Select(h => (h.Name, h.Date))
            .Append(("Summer bank holiday", new DateOnly(2030, 9, 2)));
        using var file = FileWith(events);

        Assert.Equal(
            [
                new BankHolidayOverride(new DateOnly(2030, 8, 26), false, "Summer bank holiday (not in the published list)"),
                new BankHolidayOverride(new DateOnly(2030, 9, 2), true, "Summer bank holiday"),
            ],
            GovUkBankHolidays.OverridesFrom(file));
    }

    [Fact]
    public void A_year_between_the_first_and_last_the_file_lists_has_only_the_holidays_it_lists()
    {
        using var file = FileWith([("New Year’s Day", new DateOnly(2029, 1, 1)), ("Boxing Day", new DateOnly(2031, 12, 26))]);
        var calendar = new WorkingDayCalendar(GovUkBankHolidays.OverridesFrom(file));

        Assert.Equal([new DateOnly(2029, 1, 1)], calendar.BankHolidaysIn(2029).Select(h => h.Date));
        Assert.Empty(calendar.BankHolidaysIn(2030));
        Assert.Equal([new DateOnly(2031, 12, 26)], calendar.BankHolidaysIn(2031).Select(h => h.Date));
    }

    [Fact]
    public void Years_outside_the_file_follow_the_rules()
    {
        var calendar = new WorkingDayCalendar(GovUkBankHolidays.Shipped());

        Assert.Equal(BankHolidayRules.ForYear(2018), calendar.BankHolidaysIn(2018));
        Assert.Equal(BankHolidayRules.ForYear(2029), calendar.BankHolidaysIn(2029));
    }

    [Fact]
    public void Events_may_come_in_any_order_and_other_divisions_are_ignored()
    {
        using var file = Json("""
            {
              "scotland": { "division": "scotland", "events": [ { "title": "St Andrew’s Day", "date": "2030-12-02", "notes": "", "bunting": true } ] },
              "england-and-wales": { "division": "england-and-wales", "events": [
                { "title": "Boxing Day", "date": "2030-12-26", "notes": "", "bunting": true },
                { "title": "New Year’s Day", "date": "2030-01-01", "notes": "", "bunting": true }
              ] }
            }
            """);

        Assert.Equal(6, GovUkBankHolidays.OverridesFrom(file).Count(o => !o.IsHoliday));
    }

    [Theory]
    [InlineData("<html>Bank holidays</html>")]
    [InlineData("")]
    [InlineData("""{ "england-and-wales": { "events": [] } """)]
    public void A_file_that_is_not_JSON_is_refused(string json) =>
        Assert.StartsWith("The bank holidays file is not valid JSON", Refused(json).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("""[ { "title": "Boxing Day", "date": "2030-12-26" } ]""")]
    [InlineData("""{ "scotland": { "division": "scotland", "events": [] } }""")]
    [InlineData("""{ "england-and-wales": [] }""")]
    public void A_file_without_the_England_and_Wales_division_is_refused(string json) =>
        Assert.Contains("has no \"england-and-wales\" division", Refused(json).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("""{ "england-and-wales": { "division": "england-and-wales" } }""")]
    [InlineData("""{ "england-and-wales": { "division": "england-and-wales", "events": {} } }""")]
    public void A_division_without_an_events_list_is_refused(string json) =>
        Assert.Contains("has no \"events\" list", Refused(json).Message, StringComparison.Ordinal);

    [Fact]
    public void A_division_with_no_events_is_refused() =>
        Assert.Contains("lists no events", Refused("""{ "england-and-wales": { "division": "england-and-wales", "events": [] } }""").Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("2030-02-30")]
    [InlineData("26/12/2030")]
    [InlineData("2030-12-26T00:00:00")]
    [InlineData("")]
    public void An_event_with_a_bad_date_is_refused_naming_the_event_and_the_date(string date)
    {
        var message = Refused($$"""
            { "england-and-wales": { "division": "england-and-wales", "events": [
              { "title": "New Year’s Day", "date": "2030-01-01" },
              { "title": "Boxing Day", "date": "{{date}}" }
            ] } }
            """).Message;

        Assert.Equal($"Event 2 of \"england-and-wales\" (\"Boxing Day\") has the date \"{date}\", which is not a date in the form YYYY-MM-DD.", message);
    }

    [Theory]
    [InlineData("""{ "title": "Boxing Day" }""", "(\"Boxing Day\") has no \"date\"")]
    [InlineData("""{ "title": "Boxing Day", "date": 20301226 }""", "(\"Boxing Day\") has no \"date\"")]
    [InlineData("""{ "date": "2030-12-26" }""", "has no \"title\"")]
    [InlineData("""{ "title": " ", "date": "2030-12-26" }""", "has no \"title\"")]
    [InlineData("\"2030-12-26\"", "is not an object")]
    public void An_incomplete_event_is_refused_saying_what_is_missing(string holiday, string expected) =>
        Assert.Contains(
            $"Event 1 of \"england-and-wales\" {expected}",
            Refused($$"""{ "england-and-wales": { "division": "england-and-wales", "events": [ {{holiday}} ] } }""").Message,
            StringComparison.Ordinal);

    [Fact]
    public void A_date_listed_twice_is_refused()
    {
        var message = Refused("""
            { "england-and-wales": { "division": "england-and-wales", "events": [
              { "title": "Christmas Day", "date": "2030-12-25" },
              { "title": "Christmas Day", "date": "2030-12-25" }
            ] } }
            """).Message;

        Assert.Contains("Event 2 of \"england-and-wales\" (\"Christmas Day\") lists 2030-12-25, which an earlier event already lists", message, StringComparison.Ordinal);
    }
}
