using System.Globalization;

namespace ChangeCoordination.LoadTools;

/// <summary>Percentiles by nearest rank over a finished set of samples (milliseconds).</summary>
internal sealed class Distribution
{
    private readonly double[] sorted;

    public Distribution(IEnumerable<double> samples)
    {
        sorted = [.. samples];
        Array.Sort(sorted);
    }

    public int Count => sorted.Length;

    public double Min => sorted.Length == 0 ? double.NaN : sorted[0];

    public double Max => sorted.Length == 0 ? double.NaN : sorted[^1];

    public double Mean => sorted.Length == 0 ? double.NaN : sorted.Average();

    public double Percentile(double p)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public int CountBelow(double value) => sorted.Count(s => s < value);

    /// <summary>How many samples fall below the first edge, between each pair of edges, and at or above the last.</summary>
    public string Histogram(params double[] edges)
    {
        var parts = new List<string>();
        var lower = double.NegativeInfinity;
        foreach (var edge in edges.Append(double.PositiveInfinity))
        {
            var count = sorted.Count(s => s >= lower && s < edge);
            var label = double.IsNegativeInfinity(lower) ? $"< {edge:F0}" : double.IsPositiveInfinity(edge) ? $">= {lower:F0}" : $"{lower:F0}-{edge:F0}";
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{label} ms: {count:N0}"));
            lower = edge;
        }

        return string.Join("; ", parts);
    }

    public string Summary() => Count == 0
        ? "no samples"
        : string.Create(CultureInfo.InvariantCulture, $"n={Count:N0}  min {Min:F1}  p50 {Percentile(50):F1}  p95 {Percentile(95):F1}  p99 {Percentile(99):F1}  max {Max:F1} ms");
}
