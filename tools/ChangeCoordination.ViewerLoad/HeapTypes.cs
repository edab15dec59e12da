using Microsoft.Diagnostics.Runtime;

namespace ChangeCoordination.ViewerLoad;

/// <summary>
/// Where the app's managed memory is: the types with the most bytes on its heap, read with ClrMD from the live
/// process (suspended while it is read). Run right after a forced full GC, so that what is counted is alive.
/// </summary>
internal static class HeapTypes
{
    public static IReadOnlyList<object> Largest(int pid, int count)
    {
        using var target = DataTarget.AttachToProcess(pid, suspend: true);
        using var runtime = target.ClrVersions[0].CreateRuntime();
        var byType = new Dictionary<string, (long Bytes, long Objects)>();
        foreach (var obj in runtime.Heap.EnumerateObjects())
        {
            var name = obj.Type?.Name ?? "(unknown)";
            var (bytes, objects) = byType.GetValueOrDefault(name);
            byType[name] = (bytes + (long)obj.Size, objects + 1);
        }

        var total = byType.Values.Sum(v => v.Bytes);
        Console.WriteLine($"  managed heap by type (ClrMD, {total / 1024.0 / 1024.0:F1} MiB in all), the {count} largest:");
        var largest = byType.OrderByDescending(t => t.Value.Bytes).Take(count).ToList();
        foreach (var (name, (bytes, objects)) in largest)
        {
            Console.WriteLine($"    {bytes / 1024.0,10:F0} KiB {objects,9:N0} objects  {name}");
        }

        return [.. largest.Select(t => (object)new { type = t.Key, bytes = t.Value.Bytes, objects = t.Value.Objects })];
    }
}
