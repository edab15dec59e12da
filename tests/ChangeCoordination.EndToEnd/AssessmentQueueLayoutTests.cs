using Xunit.Abstractions;

namespace ChangeCoordination.EndToEnd;

/// <summary>The assessor's queue on the demo year, at the two screen sizes assessors use: how many changes a pane shows, and that no row wraps.</summary>
[Collection(DemoLiveAppGroup.Name)]
public sealed class AssessmentQueueLayoutTests(DemoLiveApp app, ITestOutputHelper output)
{
    [Theory]
    [InlineData(1366, 768)]
    [InlineData(1920, 1080)]
    public async Task The_queue_shows_one_line_per_change_without_wrapping(int width, int height)
    {
        var page = await app.SignInAsync("Dana Reid", "/assess", width, height);
        await Expect(page.Locator(".queue-row").First).ToBeVisibleAsync();

        var layout = await page.EvaluateAsync<QueueLayout>(MeasureQueue);
        output.WriteLine($"{width}x{height}: {layout.Rows} rows, row height {layout.RowHeight:0.#} px, {layout.Visible} visible in the pane without scrolling, {layout.Wrapped} cells wrapped ({layout.Sample})");
        await LiveApp.ScreenshotAsync(page, $"assess-demo-{width}");

        Assert.True(layout.Wrapped == 0, $"Every queue row reads on one line, but {layout.Wrapped} cells wrap, such as \"{layout.Sample}\".");
    }

    [Fact]
    public async Task Moving_down_the_queue_with_J_keeps_the_marked_row_in_sight()
    {
        var page = await app.SignInAsync("Dana Reid", "/assess");
        var rows = page.Locator(".queue-row");
        await Expect(rows.First).ToHaveAttributeAsync("aria-current", "true");
        var target = Math.Min(await rows.CountAsync() - 1, 25);

        for (var i = 0; i < target; i++)
        {
            await page.Keyboard.PressAsync("j");
        }

        await Expect(rows.Nth(target)).ToHaveAttributeAsync("aria-current", "true");
        await Expect(rows.Nth(target)).ToBeInViewportAsync(new() { Ratio = 0.9f });
    }

    /// <summary>Row height, rows wholly inside the scrolling pane and the viewport, and the cells whose text runs onto a second line.</summary>
    private const string MeasureQueue = """
        () => {
            const rows = [...document.querySelectorAll('.queue-row')];
            const pane = document.querySelector('.queue').getBoundingClientRect();
            const bottom = Math.min(pane.bottom, innerHeight);
            // Lines of text in a cell: its text boxes' tops, where a gap of more than half a line starts a new line
            // (chips and tick boxes beside the text sit a few pixels off, on the same line).
            const lines = element => {
                const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
                const tops = [];
                while (walker.nextNode()) {
                    const range = document.createRange();
                    range.selectNodeContents(walker.currentNode);
                    tops.push(...[...range.getClientRects()].filter(r => r.width > 0).map(r => r.top));
                }
                const half = parseFloat(getComputedStyle(element).fontSize) * 0.6;
                tops.sort((a, b) => a - b);
                return tops.filter((top, i) => i === 0 || top - tops[i - 1] > half).length;
            };
            const wrapped = rows.flatMap(row => [...row.children].filter(cell => lines(cell) > 1).map(cell => cell.textContent.trim()));
            return {
                rows: rows.length,
                rowHeight: rows.length ? rows[0].getBoundingClientRect().height : 0,
                visible: rows.filter(row => { const r = row.getBoundingClientRect(); return r.top >= pane.top && r.bottom <= bottom; }).length,
                wrapped: wrapped.length,
                sample: wrapped.slice(0, 3).join(' | '),
            };
        }
        """;

    private sealed class QueueLayout
    {
        public int Rows { get; init; }

        public double RowHeight { get; init; }

        public int Visible { get; init; }

        public int Wrapped { get; init; }

        public string Sample { get; init; } = "";
    }
}
