namespace ChangeCoordination.Web.Features.Records;

/// <summary>The Wilson score interval of a share at 95%: honest for small counts and for shares near 0 or 1.</summary>
public static class Wilson
{
    private const double Z = 1.959964;

    public static (double Low, double High) Interval(int count, int of)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(of, count);
        if (of == 0)
        {
            return (0, 1);
        }

        var p = (double)count / of;
        var z2 = Z * Z;
        var centre = (p + (z2 / (2 * of))) / (1 + (z2 / of));
        var half = Z * Math.Sqrt((p * (1 - p) / of) + (z2 / (4.0 * of * of))) / (1 + (z2 / of));
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}
