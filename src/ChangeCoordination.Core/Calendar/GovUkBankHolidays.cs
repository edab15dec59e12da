using System.Globalization;
using System.Text.Json;

namespace ChangeCoordination.Core.Calendar;

/// <summary>
/// GOV.UK's published bank holidays (the <c>bank-holidays.json</c> file at https://www.gov.uk/bank-holidays.json)
/// turned into the one-off overrides that make <see cref="WorkingDayCalendar"/> reproduce the England and Wales
/// list exactly: the rules stay the source of every ordinary year, the overrides carry what the rules cannot know.
/// </summary>
public static class GovUkBankHolidays
{
    /// <summary>The division of the file that Working Days are counted in.</summary>
    public const string Division = "england-and-wales";

    /// <summary>The logical name of the list shipped inside this assembly.</summary>
    public const string ResourceName = "bank-holidays.json";

    private const string DateFormat = "yyyy-MM-dd";

    /// <summary>The longest holiday name kept (GOV.UK's are under 40 characters).</summary>
    public const int MaxTitleLength = 200;

    private const string WhatToUpload =
        "Upload the bank-holidays.json file exactly as downloaded from https://www.gov.uk/bank-holidays.json.";

    /// <summary>The overrides for the list that shipped with this version of the product.</summary>
    public static IReadOnlyList<BankHolidayOverride> Shipped()
    {
        using var json = typeof(GovUkBankHolidays).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The build has no embedded resource named '{ResourceName}'.");
        return OverridesFrom(json);
    }

    /// <summary>
    /// For every year from the first to the last the file lists: each rule holiday missing from the file becomes an
    /// override that removes it, and each listed holiday the rules lack becomes an override that adds it.
    /// </summary>
    /// <exception cref="FormatException">The file is not GOV.UK's format; the message says what to fix.</exception>
    public static IReadOnlyList<BankHolidayOverride> OverridesFrom(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var published = Read(json);
        var overrides = new List<BankHolidayOverride>();
        for (var year = published.Keys.Min().Year; year <= published.Keys.Max().Year; year++)
        {
            var rules = BankHolidayRules.ForYear(year);
            overrides.AddRange(rules
                .Where(rule => !published.ContainsKey(rule.Date))
                .Select(rule => new BankHolidayOverride(rule.Date, false, rule.Name + " (not in the published list)")));
            overrides.AddRange(published
                .Where(listed => listed.Key.Year == year && !rules.Any(rule => rule.Date == listed.Key))
                .Select(listed => new BankHolidayOverride(listed.Key, true, listed.Value)));
        }

        return [.. overrides.OrderBy(o => o.Date)];
    }

    /// <summary>The England and Wales events of the file: date to title.</summary>
    private static SortedDictionary<DateOnly, string> Read(Stream json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"The bank holidays file is not valid JSON ({e.Message}). {WhatToUpload}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty(Division, out var division)
                || division.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException(
                    $"The bank holidays file has no \"{Division}\" division: it must be a JSON object with a \"{Division}\" key. {WhatToUpload}");
            }

            if (!division.TryGetProperty("events", out var events) || events.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException(
                    $"The \"{Division}\" division of the bank holidays file has no \"events\" list. {WhatToUpload}");
            }

            var published = new SortedDictionary<DateOnly, string>();
            var number = 0;
            foreach (var holiday in events.EnumerateArray())
            {
                number++;
                var (date, title) = ReadEvent(holiday, number);
                if (!published.TryAdd(date, title))
                {
                    throw new FormatException(
                        $"Event {number} of \"{Division}\" (\"{title}\") lists {date.ToString(DateFormat, CultureInfo.InvariantCulture)}, which an earlier event already lists: remove one of them.");
                }
            }

            if (published.Count == 0)
            {
                throw new FormatException($"The \"{Division}\" division of the bank holidays file lists no events. {WhatToUpload}");
            }

            return published;
        }
    }

    /// <summary>A string's text; an escaped lone surrogate is valid JSON but no text, and reading it throws.</summary>
    private static string? TextOf(JsonElement element, string property, int number)
    {
        try
        {
            return element.GetString();
        }
        catch (InvalidOperationException e)
        {
            throw new FormatException($"Event {number} of \"{Division}\" has a \"{property}\" that is not valid Unicode text. {WhatToUpload}", e);
        }
    }

    private static (DateOnly Date, string Title) ReadEvent(JsonElement holiday, int number)
    {
        if (holiday.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException(
                $"Event {number} of \"{Division}\" is not an object with a \"title\" and a \"date\".");
        }

        if (!holiday.TryGetProperty("title", out var titleElement)
            || titleElement.ValueKind != JsonValueKind.String
            || string.IsNullOrWhiteSpace(TextOf(titleElement, "title", number)))
        {
            throw new FormatException($"Event {number} of \"{Division}\" has no \"title\": give every event a name.");
        }

        var title = TextOf(titleElement, "title", number)!;
        if (title.Length > MaxTitleLength || title.Any(char.IsControl))
        {
            throw new FormatException(
                $"Event {number} of \"{Division}\" has a \"title\" longer than {MaxTitleLength} characters or with control characters: GOV.UK's titles are short plain names. {WhatToUpload}");
        }

        if (!holiday.TryGetProperty("date", out var dateElement) || dateElement.ValueKind != JsonValueKind.String)
        {
            throw new FormatException(
                $"Event {number} of \"{Division}\" (\"{title}\") has no \"date\": give it a date in the form YYYY-MM-DD.");
        }

        var text = TextOf(dateElement, "date", number);
        if (!DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new FormatException(
                $"Event {number} of \"{Division}\" (\"{title}\") has the date \"{text}\", which is not a date in the form YYYY-MM-DD.");
        }

        return (date, title);
    }
}
