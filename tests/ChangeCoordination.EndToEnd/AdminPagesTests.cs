namespace ChangeCoordination.EndToEnd;

[Collection(DemoLiveAppGroup.Name)]
public sealed class AdminPagesTests(DemoLiveApp app)
{
    [Fact]
    public async Task The_site_owner_issues_an_api_key_that_opens_the_api_and_the_manager_finds_it_in_the_audit_log()
    {
        var owner = await app.SignInAsync("Sam Whitfield", "/admin/access");
        await Expect(owner.GetByRole(AriaRole.Heading, new() { Name = "Access", Exact = true })).ToBeVisibleAsync();
        await Expect(owner.GetByTestId("person-user@supplier-a.example")).ToContainTextAsync("Alex Morgan");

        await LiveApp.FillAsync(owner, "Key name", "Release pipeline");
        await owner.GetByRole(AriaRole.Combobox, new() { Name = "For organisation" }).ClickAsync();
        await owner.GetByRole(AriaRole.Option, new() { Name = "Supplier A", Exact = true }).ClickAsync();
        await owner.GetByRole(AriaRole.Button, new() { Name = "Issue key" }).ClickAsync();
        await Expect(owner.GetByTestId("access-message")).ToContainTextAsync("Key issued to Supplier A.");
        var key = await owner.GetByTestId("new-api-key").TextContentAsync();

        Assert.StartsWith("cc_", key, StringComparison.Ordinal);
        using var system = new HttpClient { BaseAddress = app.BaseAddress };
        system.DefaultRequestHeaders.Add("X-Api-Key", key);
        using var response = await system.GetAsync(new Uri("/api/v1/changes", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        await LiveApp.FillAsync(owner, "E-mail", "nia.lewis@dcc.example");
        await LiveApp.FillAsync(owner, "Name", "Nia Lewis");
        await owner.GetByRole(AriaRole.Combobox, new() { Name = "Role", Exact = true }).ClickAsync();
        await owner.GetByRole(AriaRole.Option, new() { Name = "DCC Assessor", Exact = true }).ClickAsync();
        await LiveApp.FillAsync(owner, "Organisation", "DCC");
        await owner.GetByLabel("Detail access", new() { Exact = true }).CheckAsync();
        await owner.GetByRole(AriaRole.Button, new() { Name = "Add" }).ClickAsync();
        await Expect(owner.GetByTestId("access-message")).ToContainTextAsync("Nia Lewis added.");
        await Expect(owner.GetByTestId("person-nia.lewis@dcc.example")).ToContainTextAsync("Granted");
        await LiveApp.ScreenshotAsync(owner, "access-1366");

        var manager = await app.SignInAsync("Maya Singh", "/admin/audit");
        await LiveApp.FillAsync(manager, "Action", "api-key");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();

        await Expect(manager.GetByTestId("audit-events")).ToContainTextAsync("api-key.issued");
        await Expect(manager.GetByTestId("audit-events")).ToContainTextAsync("Release pipeline (Supplier A");
        await LiveApp.FillAsync(manager, "Action", "");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(manager.GetByTestId("audit-events")).ToContainTextAsync("detail-access.granted");
        await LiveApp.ScreenshotAsync(manager, "audit-1366");
    }

    [Fact]
    public async Task Revoking_an_api_key_asks_first_and_keeps_the_key_when_the_owner_thinks_again()
    {
        var owner = await app.SignInAsync("Sam Whitfield", "/admin/access");
        await LiveApp.FillAsync(owner, "Key name", "Meter firmware pipeline");
        await owner.GetByRole(AriaRole.Combobox, new() { Name = "For organisation" }).ClickAsync();
        await owner.GetByRole(AriaRole.Option, new() { Name = "Supplier B", Exact = true }).ClickAsync();
        await owner.GetByRole(AriaRole.Button, new() { Name = "Issue key" }).ClickAsync();
        await Expect(owner.GetByTestId("access-message")).ToContainTextAsync("Key issued to Supplier B.");
        var row = owner.Locator("tr", new() { HasText = "Meter firmware pipeline" });

        await row.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        var dialog = owner.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("Revoke Meter firmware pipeline?");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Keep it" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(row).ToContainTextAsync("Live");

        await row.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await owner.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Revoke the key" }).ClickAsync();
        await Expect(owner.GetByTestId("access-message")).ToContainTextAsync("Meter firmware pipeline revoked: it no longer opens the API.");
        await Expect(row).ToContainTextAsync("Revoked");
    }

    [Fact]
    public async Task Other_roles_are_told_the_access_page_is_not_for_them()
    {
        var manager = await app.SignInAsync("Maya Singh");

        await manager.GotoAsync("/admin/access");

        await Expect(manager.GetByRole(AriaRole.Heading, new() { Name = "Not allowed" })).ToBeVisibleAsync();
    }
}
