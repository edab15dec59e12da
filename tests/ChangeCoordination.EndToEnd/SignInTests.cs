namespace ChangeCoordination.EndToEnd;

[Collection(LiveAppGroup.Name)]
public sealed class SignInTests(LiveApp app)
{
    [Fact]
    public async Task A_demo_user_signs_in_and_sees_the_overview()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/");

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/signin"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Alex Morgan" }).ClickAsync();

        await Expect(page.GetByTestId("signed-in-as")).ToContainTextAsync("DCC User · Supplier A");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "The next four weeks" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(LiveApp.ScreenshotFolder, "overview-1366.png"), FullPage = true });
    }

    [Fact]
    public async Task Signing_out_returns_to_the_sign_in_page()
    {
        var page = await app.SignInAsync("Dana Reid");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/signin"));
    }
}
