namespace ChangeCoordination.Core.Risk;

/// <summary>A planned outage window: two instants, the end strictly after the start.</summary>
public readonly record struct OutageWindow
{
    public OutageWindow(DateTimeOffset start, DateTimeOffset end)
    {
        if (end <= start)
        {
            throw new ArgumentException("The end of an outage window must be after its start.", nameof(end));
        }

        Start = start;
        End = end;
    }

    public DateTimeOffset Start { get; }

    public DateTimeOffset End { get; }

    /// <summary>Elapsed time: a window across a clock change is measured in real hours.</summary>
    public TimeSpan Duration => End - Start;

    public bool Overlaps(OutageWindow other) => Start < other.End && other.Start < End;
}
