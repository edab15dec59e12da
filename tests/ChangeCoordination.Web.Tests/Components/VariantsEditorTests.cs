using Bunit;
using ChangeCoordination.Core.Operations;
using ChangeCoordination.Web.Features.Operations;

namespace ChangeCoordination.Web.Tests.Components;

public sealed class VariantsEditorTests : ComponentTest
{
    private static readonly VariantTableResponse Table = new(4,
    [
        new("8.1.1", BusinessProcess.InstallAndCommission, 30, "Commission Device"),
        new("2.2", BusinessProcess.Prepayment, 30, "Top Up Device"),
        new("5.1", BusinessProcess.Billing, 86_400, "Create Schedule (scheduled reads)"),
    ]);

    [Fact]
    public void A_manager_edits_a_row_removes_one_adds_one_and_saves_the_whole_table()
    {
        IReadOnlyList<VariantRuleInput>? saved = null;
        var editor = Render<VariantsEditor>(p => p
            .Add(e => e.Table, Table)
            .Add(e => e.CanEdit, true)
            .Add(e => e.OnSave, rows => saved = rows));
        Assert.Equal("2.2", editor.Find("#srv-1").GetAttribute("value"));

        editor.Find("#process-1").Change(nameof(BusinessProcess.Billing));
        editor.Find("#target-1").Change("60");
        editor.Find("[data-testid='remove-0']").Click();
        editor.Find("[data-testid='add-variant']").Click();
        editor.Find("#srv-2").Change("8.14.2");
        editor.Find("#name-2").Change("Read Device Log");
        editor.Find("[data-testid='save-variants']").Click();

        Assert.NotNull(saved);
        Assert.Equal(
            [
                new VariantRuleInput("2.2", "Billing", 60, "Top Up Device"),
                new VariantRuleInput("5.1", "Billing", 86_400, "Create Schedule (scheduled reads)"),
                new VariantRuleInput("8.14.2", "InstallAndCommission", 30, "Read Device Log"),
            ],
            saved);
    }

    [Fact]
    public void The_editor_shows_each_error_beside_its_row_and_field()
    {
        var editor = Render<VariantsEditor>(p => p
            .Add(e => e.Table, Table)
            .Add(e => e.CanEdit, true)
            .Add(e => e.Errors, new Dictionary<string, string[]>
            {
                ["[2].targetSeconds"] = ["0 s is outside the allowed targets: give from 1 to 604800 seconds (7 days)."],
                ["[1].process"] = ["'Teleportation' is not a valid process."],
            }));

        Assert.Contains("outside the allowed targets", editor.Find("#target-2").Closest(".mud-input-control")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("outside the allowed targets", editor.Find("#target-1").Closest(".mud-input-control")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Teleportation", editor.Find("tr[data-row='1']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_DCC_staff_read_the_table_without_inputs_or_save()
    {
        var editor = Render<VariantsEditor>(p => p.Add(e => e.Table, Table));

        Assert.Empty(editor.FindAll("input"));
        Assert.Empty(editor.FindAll("[data-testid='save-variants']"));
        Assert.Contains("24 h", editor.Find("tr[data-row='2']").TextContent, StringComparison.Ordinal);
        Assert.Contains("Prepayment", editor.Find("tr[data-row='1']").TextContent, StringComparison.Ordinal);
    }
}
