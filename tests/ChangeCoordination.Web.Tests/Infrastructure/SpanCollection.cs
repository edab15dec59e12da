using System.Collections;
using System.Diagnostics;

namespace ChangeCoordination.Web.Tests.Infrastructure;

/// <summary>The spans an app exported (OpenTelemetry's in-memory exporter writes here), safe to read while it writes.</summary>
public sealed class SpanCollection : ICollection<Activity>
{
    private readonly Lock gate = new();
    private readonly List<Activity> spans = [];

    public int Count
    {
        get
        {
            lock (gate)
            {
                return spans.Count;
            }
        }
    }

    public bool IsReadOnly => false;

    public IReadOnlyList<Activity> Snapshot()
    {
        lock (gate)
        {
            return [.. spans];
        }
    }

    /// <summary>The names of the span's ancestors among the exported spans, nearest first.</summary>
    public IReadOnlyList<string> AncestorsOf(Activity span)
    {
        var all = Snapshot().ToDictionary(s => s.SpanId);
        var names = new List<string>();
        for (var parent = span.ParentSpanId; all.TryGetValue(parent, out var found); parent = found.ParentSpanId)
        {
            names.Add(found.DisplayName);
        }

        return names;
    }

    public void Add(Activity item)
    {
        lock (gate)
        {
            spans.Add(item);
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            spans.Clear();
        }
    }

    public bool Contains(Activity item) => Snapshot().Contains(item);

    public void CopyTo(Activity[] array, int arrayIndex) => Snapshot().ToArray().CopyTo(array, arrayIndex);

    public bool Remove(Activity item)
    {
        lock (gate)
        {
            return spans.Remove(item);
        }
    }

    public IEnumerator<Activity> GetEnumerator() => Snapshot().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
