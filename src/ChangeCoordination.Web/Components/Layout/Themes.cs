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

            // MudBlazor's own Info, Success, Warning and Error read at 2.9-3.8:1 as text (outlined buttons, alerts): these
            // hold 4.5:1 and more on white and on an alert's tint. Status colours are not these: StatusStyle owns them.
            Info = "#1565c0",
            InfoDarken = "#0d47a1",
            Success = "#2e7d32",
            SuccessDarken = "#1b5e20",
            Warning = "#9a5b00",
            WarningDarken = "#6d4000",
            Error = "#c62828",
            ErrorDarken = "#8e0000",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = FontStack },
        },
    };
}
