using System.Globalization;
using System.Text.RegularExpressions;

namespace ChangeCoordination.Web.Api;

/// <summary>Parses the string fields of request bodies, adding an error that names the field and the fix.</summary>
public static partial class InputParsing
{
    public static TEnum? Enum<TEnum>(string? value, string field, FieldErrors errors, bool required = true)
        where TEnum : struct, System.Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.Add(field, $"'{field}' is required: use one of {Choices<TEnum>()}.");
            }

            return null;
        }

        if (System.Enum.GetNames<TEnum>().FirstOrDefault(candidate => string.Equals(candidate, value.Trim(), StringComparison.OrdinalIgnoreCase)) is { } name)
        {
            return System.Enum.Parse<TEnum>(name);
        }

        errors.Add(field, $"'{value}' is not a valid {field}: use one of {Choices<TEnum>()}.");
        return null;
    }

    public static DateTimeOffset? Instant(string? value, string field, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, $"'{field}' is required: an ISO 8601 date and time with its offset, for example 2026-12-08T20:00:00+00:00.");
            return null;
        }

        if (!InstantPattern().IsMatch(value)
            || !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            errors.Add(field, $"'{value}' is not a date and time with an offset: write it as 2026-12-08T20:00:00+00:00 (or Z for UTC).");
            return null;
        }

        return instant;
    }

    public static DateOnly? Date(string? value, string field, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors.Add(field, $"'{value}' is not a date: write it as YYYY-MM-DD, for example 2026-12-08.");
            return null;
        }

        return date;
    }

    public static string? Text(string? value, string field, int maxLength, FieldErrors errors, string? requiredMessage = null)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            if (requiredMessage is not null)
            {
                errors.Add(field, requiredMessage);
            }

            return null;
        }

        if (trimmed.Length > maxLength)
        {
            errors.Add(field, $"'{field}' is {trimmed.Length} characters long; it may be at most {maxLength}: shorten it.");
            return null;
        }

        if (trimmed.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            errors.Add(field, $"'{field}' contains control characters: remove them.");
            return null;
        }

        return trimmed;
    }

    public static string Choices<TEnum>()
        where TEnum : struct, System.Enum =>
        string.Join(", ", System.Enum.GetNames<TEnum>());

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex InstantPattern();
}
