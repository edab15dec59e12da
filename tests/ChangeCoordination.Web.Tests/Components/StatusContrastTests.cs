using System.Globalization;
using System.Text.RegularExpressions;

namespace ChangeCoordination.Web.Tests.Components;

/// <summary>
/// The day numbers and letters on every status, read from the style sheets people get: WCAG contrast of the text
/// colour against the status colour and against its pattern's overlay, with any fading of weekend numbers applied.
/// </summary>
public sealed partial class StatusContrastTests
{
    private static readonly string Styles = Path.Combine(RepositoryRoot(), "wwwroot-assets", "css");

    [Theory]
    [InlineData("white")]
    [InlineData("green")]
    [InlineData("amber")]
    [InlineData("red")]
    public void Day_numbers_on_each_status_are_at_least_4_5_to_1_on_working_days_and_on_weekends(string status)
    {
        var appCss = File.ReadAllText(Path.Combine(Styles, "app.css"));
        var statusCss = File.ReadAllText(Path.Combine(Styles, "status.css"));
        var rule = StatusRule(status).Match(statusCss);
        Assert.True(rule.Success, $"status.css has no .st-{status} rule");
        var body = rule.Groups["body"].Value;
        var background = Colour(BackgroundOf().Match(body).Groups["value"].Value, appCss);
        var text = Colour(ColourOf().Match(body).Groups["value"].Value, appCss);
        var overlay = Overlay().Match(body);
        var backgrounds = overlay.Success
            ? new[] { background, Blend(Rgb(overlay), background, double.Parse(overlay.Groups["a"].Value, CultureInfo.InvariantCulture)) }
            : [background];
        var weekend = NonWorkingNumber().Match(statusCss + appCss);
        var fade = weekend.Success && Opacity().Match(weekend.Groups["body"].Value) is { Success: true } opacity
            ? double.Parse(opacity.Groups["value"].Value, CultureInfo.InvariantCulture)
            : 1;

        foreach (var under in backgrounds)
        {
            Assert.True(Contrast(text, under) >= 4.5, $"{status}: text {Hex(text)} on {Hex(under)} is {Contrast(text, under):0.00}:1");
            var faded = Blend(text, under, fade);
            Assert.True(Contrast(faded, under) >= 4.5, $"{status} weekend: text {Hex(faded)} on {Hex(under)} is {Contrast(faded, under):0.00}:1");
        }
    }

    [Fact]
    public void The_contrast_sum_matches_WCAG_for_known_pairs()
    {
        Assert.Equal(21, Contrast((0, 0, 0), (255, 255, 255)), 2);
        Assert.Equal(5.13, Contrast((255, 255, 255), (0x2e, 0x7d, 0x32)), 2);
    }

    private static double Contrast((double R, double G, double B) a, (double R, double G, double B) b)
    {
        var (x, y) = (Luminance(a), Luminance(b));
        return (Math.Max(x, y) + .05) / (Math.Min(x, y) + .05);
    }

    private static double Luminance((double R, double G, double B) c) =>
        .2126 * Linear(c.R) + .7152 * Linear(c.G) + .0722 * Linear(c.B);

    private static double Linear(double channel)
    {
        var s = channel / 255;
        return s <= .04045 ? s / 12.92 : Math.Pow((s + .055) / 1.055, 2.4);
    }

    /// <summary>A colour drawn at <paramref name="alpha"/> over another, as the browser composites it.</summary>
    private static (double R, double G, double B) Blend((double R, double G, double B) top, (double R, double G, double B) under, double alpha) =>
        (top.R * alpha + under.R * (1 - alpha), top.G * alpha + under.G * (1 - alpha), top.B * alpha + under.B * (1 - alpha));

    private static (double R, double G, double B) Rgb(Match rgba) =>
        (double.Parse(rgba.Groups["r"].Value, CultureInfo.InvariantCulture), double.Parse(rgba.Groups["g"].Value, CultureInfo.InvariantCulture), double.Parse(rgba.Groups["b"].Value, CultureInfo.InvariantCulture));

    private static (double R, double G, double B) Colour(string value, string appCss)
    {
        if (Variable().Match(value) is { Success: true } variable)
        {
            var declared = new Regex($@"--{Regex.Escape(variable.Groups["name"].Value)}:\s*(?<value>#[0-9a-fA-F]{{3,6}})").Match(appCss);
            Assert.True(declared.Success, $"app.css declares no {value}");
            value = declared.Groups["value"].Value;
        }

        var hex = value.TrimStart('#');
        hex = hex.Length == 3 ? string.Concat(hex.Select(c => $"{c}{c}")) : hex;
        Assert.Equal(6, hex.Length);
        return (Convert.ToInt32(hex[..2], 16), Convert.ToInt32(hex[2..4], 16), Convert.ToInt32(hex[4..], 16));
    }

    private static string Hex((double R, double G, double B) c) =>
        $"#{(int)Math.Round(c.R):x2}{(int)Math.Round(c.G):x2}{(int)Math.Round(c.B):x2}";

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (Directory.Exists(Path.Combine(folder.FullName, "wwwroot-assets", "css")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException("No wwwroot-assets/css above " + AppContext.BaseDirectory);
    }

    private static Regex StatusRule(string status) => new($@"(?m)^\.st-{status}\s*\{{(?<body>[^}}]*)\}}");

    [GeneratedRegex(@"background(-color)?:\s*(?<value>var\(--[\w-]+\)|#[0-9a-fA-F]{3,6})")]
    private static partial Regex BackgroundOf();

    [GeneratedRegex(@"(?<![-\w])color:\s*(?<value>var\(--[\w-]+\)|#[0-9a-fA-F]{3,6})")]
    private static partial Regex ColourOf();

    [GeneratedRegex(@"rgba\((?<r>\d+),\s*(?<g>\d+),\s*(?<b>\d+),\s*(?<a>[.\d]+)\)")]
    private static partial Regex Overlay();

    [GeneratedRegex(@"var\(--(?<name>[\w-]+)\)")]
    private static partial Regex Variable();

    [GeneratedRegex(@"td\.non-working \.day-num[^{]*\{(?<body>[^}]*)\}")]
    private static partial Regex NonWorkingNumber();

    [GeneratedRegex(@"opacity:\s*(?<value>[.\d]+)")]
    private static partial Regex Opacity();
}
