namespace ChangeCoordination.Web.Features.Operations;

/// <summary>The one unit a column of durations is shown in: every figure of the column in it, and its header names it.</summary>
public sealed record DurationUnit(string Symbol, double Seconds, string Format)
{
    public static readonly DurationUnit InSeconds = new("s", 1, "N1");
    public static readonly DurationUnit InMinutes = new("min", 60, "N1");
    public static readonly DurationUnit InHours = new("h", 3600, "N2");

    /// <summary>
    /// The unit that suits the column's middle figure (the lower of two): seconds below 2 minutes, minutes below 2 hours, hours beyond. A few slow
    /// figures (Billing's scheduled reads among round trips of seconds) then read as large numbers rather than every other as 0.00.
    /// </summary>
    public static DurationUnit For(IEnumerable<double?> seconds)
    {
        var known = seconds.OfType<double>().Order().ToList();
        if (known.Count == 0)
        {
            return InSeconds;
        }

        var middle = known[(known.Count - 1) / 2];
        return middle < 120 ? InSeconds : middle < 2 * 3600 ? InMinutes : InHours;
    }

    public string Show(double? seconds) => seconds is { } s ? (s / Seconds).ToString(Format, UkEnglish.Culture) : "n/a";
}
