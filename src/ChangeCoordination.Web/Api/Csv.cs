using System.Text;

namespace ChangeCoordination.Web.Api;

/// <summary>RFC 4180 CSV: fields quoted when they hold a comma, quote or line break; a formula-looking cell is defused.</summary>
public static class Csv
{
    public static string Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var text = new StringBuilder();
        AppendRow(text, header);
        foreach (var row in rows)
        {
            AppendRow(text, row);
        }

        return text.ToString();
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// The text of an uploaded CSV file, which must be UTF-8 (a leading byte-order mark is dropped): every CSV upload
    /// decodes through here, so none turns bytes it cannot read into replacement characters. Throws
    /// <see cref="FormatException"/> saying how to save the file.
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> content)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(content).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            throw new FormatException("This CSV is not UTF-8 text: save it again as CSV UTF-8.");
        }

        return text.Contains('\0', StringComparison.Ordinal)
            ? throw new FormatException("This is not a CSV file (it holds binary data): save it as CSV UTF-8.")
            : text;
    }

    /// <summary>Rows of fields; the first row is the header. Throws <see cref="FormatException"/> for an unclosed quote.</summary>
    public static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    row.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    row.Add(field.ToString());
                    field.Clear();
                    rows.Add([.. row]);
                    row.Clear();
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }

        if (quoted)
        {
            throw new FormatException("A quoted field is never closed: check the quotes in the file.");
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add([.. row]);
        }

        return [.. rows.Where(r => r.Any(f => f.Length > 0))];
    }

    private static void AppendRow(StringBuilder text, IEnumerable<string?> fields)
    {
        text.AppendJoin(',', fields.Select(Escape));
        text.Append("\r\n");
    }

    private static string Escape(string? value)
    {
        var field = value ?? "";
        if (field.Length > 0 && field[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
            && !double.TryParse(field, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            field = "'" + field;
        }

        return field.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : field;
    }
}
