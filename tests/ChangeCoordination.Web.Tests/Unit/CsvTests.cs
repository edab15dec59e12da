using ChangeCoordination.Web.Api;

namespace ChangeCoordination.Web.Tests.Unit;

public class CsvTests
{
    [Fact]
    public void Fields_with_commas_quotes_and_line_breaks_survive_a_round_trip()
    {
        var text = Csv.Write(["a", "b"], [["one, two", "say \"hi\"\nthere"]]);

        Assert.Equal([["a", "b"], ["one, two", "say \"hi\"\nthere"]], Csv.Parse(text));
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")")]
    [InlineData("+SUM(A1)")]
    [InlineData("@cmd")]
    public void A_cell_that_a_spreadsheet_would_run_as_a_formula_is_written_as_text(string value)
    {
        var text = Csv.Write(["a"], [[value]]);

        Assert.StartsWith("'", Csv.Parse(text)[1][0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_number_is_left_alone()
    {
        Assert.Equal("-5", Csv.Parse(Csv.Write(["a"], [["-5"]]))[1][0]);
    }
}
