using System.Reflection;
using Bunit;
using ChangeCoordination.Web.Components.Layout;
using ChangeCoordination.Web.Features.Heatmap;
using Microsoft.AspNetCore.Components;

namespace ChangeCoordination.Web.Tests.Components;

public sealed class ShellLayoutTests : ComponentTest
{
    public ShellLayoutTests()
    {
        AddAuthorization();
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public void The_heatmap_has_the_shell_without_the_popover_provider_that_wakes_its_circuit()
    {
        var plain = Render<PlainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<p id='body'>page</p>"))));
        var main = Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<p id='body'>page</p>"))));

        Assert.Equal(typeof(PlainLayout), typeof(HeatmapPage).GetCustomAttribute<LayoutAttribute>()?.LayoutType);
        Assert.NotNull(plain.Find("nav#app-nav"));
        Assert.NotNull(plain.Find("main #body"));
        Assert.Empty(plain.FindComponents<MudBlazor.MudPopoverProvider>());
        Assert.Single(main.FindComponents<MudBlazor.MudPopoverProvider>());
    }
}
