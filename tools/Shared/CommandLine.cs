using System.Globalization;

namespace ChangeCoordination.LoadTools;

/// <summary><c>--name value</c> options with defaults; <c>--help</c> lists them. Unknown names stop the tool.</summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, string> values = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(string Name, string Default, string Meaning)> known = [];

    public CommandLine(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h")
            {
                HelpAsked = true;
                continue;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unexpected argument '{arg}': options are --name value.");
            }

            var name = arg[2..];
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                values[name[..eq]] = name[(eq + 1)..];
            }
            else if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                values[name] = args[++i];
            }
            else
            {
                values[name] = "true";
            }
        }
    }

    public bool HelpAsked { get; }

    public string Text(string name, string fallback, string meaning)
    {
        known.Add((name, fallback, meaning));
        return values.TryGetValue(name, out var value) ? value : fallback;
    }

    public int Int(string name, int fallback, string meaning) =>
        int.Parse(Text(name, fallback.ToString(CultureInfo.InvariantCulture), meaning), CultureInfo.InvariantCulture);

    public double Double(string name, double fallback, string meaning) =>
        double.Parse(Text(name, fallback.ToString(CultureInfo.InvariantCulture), meaning), CultureInfo.InvariantCulture);

    public bool Flag(string name, bool fallback, string meaning) =>
        bool.Parse(Text(name, fallback ? "true" : "false", meaning));

    /// <summary>Call after reading every option: fails on a name no option read, prints the list for --help.</summary>
    public bool Finish(string usage)
    {
        var unknown = values.Keys.Where(k => !known.Any(o => string.Equals(o.Name, k, StringComparison.OrdinalIgnoreCase))).ToList();
        if (HelpAsked || unknown.Count > 0)
        {
            foreach (var name in unknown)
            {
                Console.Error.WriteLine($"Unknown option --{name}.");
            }

            Console.WriteLine(usage);
            foreach (var (name, fallback, meaning) in known)
            {
                Console.WriteLine($"  --{name,-22} {meaning} (default: {(fallback.Length == 0 ? "none" : fallback)})");
            }

            return false;
        }

        return true;
    }
}
