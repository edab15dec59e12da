using System.IO.Compression;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChangeCoordination.Web.Tests.Infrastructure;

namespace ChangeCoordination.Web.Tests.Upgrades;

/// <summary>
/// A database made by an earlier release (the demo year and writes of every kind, through its API:
/// tools/make-upgrade-fixture.sh), upgraded by this release on its first start: every change, revision, assessment,
/// audit event, internal change, support plan and heatmap day reads back through the API as the old release answered.
/// </summary>
public sealed class UpgradeTests
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Upgrades", "Fixtures");

    public static TheoryData<string> Releases() => [.. Directory.GetDirectories(Fixtures).Select(folder => new DirectoryInfo(folder).Name).Order(StringComparer.Ordinal)];

    [SqliteTheory]
    [MemberData(nameof(Releases))]
    public async Task A_database_of_an_earlier_release_upgrades_with_every_row_reading_as_it_did(string release)
    {
        var folder = Path.Combine(Fixtures, release);
        var fixture = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "fixture.json")))!;
        await using var app = new ReleaseAppFactory(DateTimeOffset.Parse(fixture["madeAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        await UnzipAsync(Path.Combine(folder, "change-coordination.db.gz"), app.Database.Name);
        var answers = JsonNode.Parse(await UnzipTextAsync(Path.Combine(folder, "answers.json.gz")))!.AsArray();

        // The audit log first: every read that follows is itself audited.
        foreach (var answer in answers.OrderBy(a => a!["path"]!.GetValue<string>().StartsWith("/api/v1/audit", StringComparison.Ordinal) ? 0 : 1))
        {
            var path = answer!["path"]!.GetValue<string>();
            using var client = await app.ClientForAsync(answer["as"]!.GetValue<string>());
            var now = await client.GetFromJsonAsync<JsonNode>(new Uri(path, UriKind.Relative));

            var differences = new List<string>();
            Compare(answer["body"], now, "$", differences);
            Assert.True(differences.Count == 0, $"{path} as {answer["as"]} after the upgrade from {release}:\n{string.Join("\n", differences.Take(20))}");
        }

        using var owner = await app.ClientForAsync("user@supplier-a.example");
        var written = fixture["written"]!;
        var assessed = await owner.GetFromJsonAsync<JsonNode>(new Uri($"/api/v1/changes/{written["assessed"]}", UriKind.Relative));
        Assert.Equal("HighlyLikely", assessed!["probability"]!.GetValue<string>());
        Assert.StartsWith("Upgrade fixture", assessed["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    /// <summary>What the old release said is still said: every property it gave, with the same value (a new release
    /// may add properties). Arrays keep their length and order, except lists of events with ids, where each old one is
    /// still there (newer events may come first).</summary>
    private static void Compare(JsonNode? before, JsonNode? after, string at, List<string> differences)
    {
        switch (before)
        {
            case JsonObject old when after is JsonObject now:
                foreach (var (name, value) in old)
                {
                    if (!now.ContainsKey(name))
                    {
                        differences.Add($"{at}.{name} is gone (was {value?.ToJsonString()})");
                        continue;
                    }

                    Compare(value, now[name], $"{at}.{name}", differences);
                }

                break;
            case JsonArray old when after is JsonArray now && old.All(e => e is JsonObject o && o.ContainsKey("id")):
                var byId = now.OfType<JsonObject>().Where(e => e.ContainsKey("id")).ToDictionary(e => e["id"]!.ToJsonString());
                foreach (var element in old.OfType<JsonObject>())
                {
                    var id = element["id"]!.ToJsonString();
                    if (byId.TryGetValue(id, out var match))
                    {
                        Compare(element, match, $"{at}[id {id}]", differences);
                    }
                    else
                    {
                        differences.Add($"{at}[id {id}] is gone");
                    }
                }

                break;
            case JsonArray old when after is JsonArray now:
                if (old.Count != now.Count)
                {
                    differences.Add($"{at} had {old.Count} entries, now {now.Count}");
                    return;
                }

                for (var i = 0; i < old.Count; i++)
                {
                    Compare(old[i], now[i], $"{at}[{i}]", differences);
                }

                break;
            default:
                if (!JsonNode.DeepEquals(before, after))
                {
                    differences.Add($"{at} was {before?.ToJsonString() ?? "null"}, now {after?.ToJsonString() ?? "null"}");
                }

                break;
        }
    }

    private static async Task UnzipAsync(string gzip, string path)
    {
        await using var source = new GZipStream(File.OpenRead(gzip), CompressionMode.Decompress);
        await using var target = File.Create(path);
        await source.CopyToAsync(target);
    }

    private static async Task<string> UnzipTextAsync(string gzip)
    {
        await using var source = new GZipStream(File.OpenRead(gzip), CompressionMode.Decompress);
        using var reader = new StreamReader(source);
        return await reader.ReadToEndAsync();
    }

    /// <summary>The app over the release's database, on the clock of the instant the fixture was made, so "today" is
    /// the day the old release answered on.</summary>
    private sealed class ReleaseAppFactory(DateTimeOffset madeAt) : AppFactory(madeAt);
}
