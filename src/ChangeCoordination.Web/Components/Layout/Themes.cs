using MudBlazor;

namespace ChangeCoordination.Web.Components.Layout;

/// <summary>The app's MudBlazor themes: system fonts only (no web fonts are fetched at run time).</summary>
public static class Themes
{
    private static readonly string[] FontStack = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"];

    public static MudTheme Light { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f4e79",
            AppbarBackground = "#1f4e79",
            Secondary = "#5c6bc0",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = FontStack },
        },
    };
}
