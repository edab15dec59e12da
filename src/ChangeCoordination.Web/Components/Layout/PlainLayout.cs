namespace ChangeCoordination.Web.Components.Layout;

/// <summary>
/// The same shell for pages of plain markup that open no MudBlazor popover, such as the heatmap that viewers leave
/// open all day: without the popover provider, whose service wakes each circuit on the server every half second
/// (with it, a hundred open heatmaps cost the server about four times as much CPU while nothing changes; see
/// docs/performance.md).
/// </summary>
public sealed class PlainLayout : MainLayout
{
    protected override bool HostsPopovers => false;
}
