using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChangeCoordination.Web.Tests.Infrastructure;
using Json.Schema;
using Xunit.Abstractions;

namespace ChangeCoordination.Web.Tests.Api;

/// <summary>
/// The OpenAPI document holds for the app's own answers: every GET route with a JSON answer is called, as every
/// caller it answers 200, over data made for the purpose (assessed and unassessed changes, an internal change, a red
/// day's plan, a draft in consultation with a response, what happened on a past day), and each answer is validated
/// against the document's response schema (JSON Schema 2020-12, as OpenAPI 3.1 uses, its $refs resolved).
/// </summary>
public sealed class OpenApiConformanceTests(AppFactory app, ITestOutputHelper output) : IClassFixture<AppFactory>
{
    private const string ComponentsPrefix = "#/components/schemas/";

    private static readonly string[] Callers =
    [
        DemoUsers.SupplierA, DemoUsers.SupplierB, DemoUsers.NetworkC, DemoUsers.Assessor,
        DemoUsers.Toc, DemoUsers.Manager, DemoUsers.Owner, DemoUsers.Wall,
    ];

    [Fact]
    public async Task A_nullable_enum_property_validates_null_once_and_its_enum_lists_no_null()
    {
        var document = JsonNode.Parse(await DocumentAsync())!;
        var schemas = document["components"]!["schemas"]!;
        foreach (var name in new[] { "Probability", "RiskStatus", "CspRegion" })
        {
            Assert.DoesNotContain(schemas[name]!["enum"]!.AsArray(), value => value is null);
        }

        var probability = Schema(document, schemas["ChangeResponse"]!["properties"]!["probability"]!, "probability");
        Assert.True(probability.Evaluate(JsonDocument.Parse("null").RootElement).IsValid);
        Assert.True(probability.Evaluate(JsonDocument.Parse("\"Likely\"").RootElement).IsValid);
        Assert.False(probability.Evaluate(JsonDocument.Parse("\"Sometimes\"").RootElement).IsValid);
        var status = Schema(document, schemas["HeatmapDayResponse"]!["properties"]!["status"]!, "status");
        Assert.False(status.Evaluate(JsonDocument.Parse("null").RootElement).IsValid);
    }

    [Fact]
    public async Task A_days_change_is_documented_as_a_change_or_its_window_alone_with_no_discriminator_the_answer_never_carries()
    {
        var document = JsonNode.Parse(await DocumentAsync())!;
        var schemas = document["components"]!["schemas"]!;

        var change = Schema(document, schemas["DayResponse"]!["properties"]!["changes"]!["items"]!, "changes");

        Assert.True(change.Evaluate(JsonDocument.Parse("""{ "start": "2027-01-05T10:00:00+00:00", "end": "2027-01-05T12:00:00+00:00" }""").RootElement).IsValid);
        Assert.False(change.Evaluate(JsonDocument.Parse("""{ "start": "2027-01-05T10:00:00+00:00" }""").RootElement).IsValid);
        Assert.False(change.Evaluate(JsonDocument.Parse("{}").RootElement).IsValid);
        Assert.Null(schemas["DayChange"]!["discriminator"]);
    }

    [Fact]
    public async Task Every_JSON_answer_of_every_GET_route_is_valid_against_the_documents_schema_for_it()
    {
        var document = JsonNode.Parse(await DocumentAsync())!;
        var values = await SeedAsync();
        var clients = new Dictionary<string, HttpClient>();
        foreach (var caller in Callers)
        {
            clients[caller] = await app.ClientForAsync(caller);
        }

        var failures = new List<string>();
        var unexercised = new List<string>();
        var validated = 0;
        var routes = 0;
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            if (item!["get"]?["responses"]?["200"]?["content"]?["application/json"]?["schema"] is not { } responseSchema)
            {
                continue;
            }

            var schema = Schema(document, responseSchema, path);
            var answered = 0;
            routes++;
            foreach (var url in Urls(path, item["get"]!, values))
            {
                foreach (var caller in Callers)
                {
                    using var response = await clients[caller].GetAsync(new Uri(url, UriKind.Relative));
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        continue;
                    }

                    answered++;
                    validated++;
                    using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                    var result = schema.Evaluate(answer.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
                    if (!result.IsValid)
                    {
                        var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                            .Select(d => $"{d.InstanceLocation} ({d.EvaluationPath}): {string.Join("; ", d.Errors!.Values)}");
                        failures.Add($"GET {url} as {caller}:\n    " + string.Join("\n    ", errors.Take(8)));
                    }
                }
            }

            if (answered == 0)
            {
                unexercised.Add(path);
            }
        }

        output.WriteLine($"{validated} answers of {routes} GET routes validated");
        Assert.True(unexercised.Count == 0, "No caller got a 200 from: " + string.Join(", ", unexercised));
        Assert.True(failures.Count == 0, $"{failures.Count} of {validated} answers do not match the document:\n" + string.Join("\n", failures.Take(20)));
    }

    private async Task<string> DocumentAsync()
    {
        using var client = app.CreateClient();
        return await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));
    }

    /// <summary>
    /// One schema to evaluate: the response schema beside every component schema as <c>$defs</c>, the document's
    /// references pointed there, so that the evaluator resolves them without knowing OpenAPI.
    /// </summary>
    private static JsonSchema Schema(JsonNode document, JsonNode schema, string name)
    {
        var root = JsonNode.Parse(Rebased(schema.ToJsonString()))!.AsObject();
        root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        root["$defs"] = JsonNode.Parse(Rebased(document["components"]!["schemas"]!.ToJsonString()));
        var id = new Uri($"https://change-coordination.test/schemas/{Uri.EscapeDataString(name)}");
        return JsonSchema.FromText(root.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() }, id);
    }

    private static string Rebased(string json) => json.Replace($"\"{ComponentsPrefix}", "\"#/$defs/", StringComparison.Ordinal);

    /// <summary>The route's URLs with its parameters filled in from the data made for the test, one URL per value a parameter has.</summary>
    private static IEnumerable<string> Urls(string path, JsonNode operation, Dictionary<string, string[]> values)
    {
        IEnumerable<string> urls = [path];
        var query = new List<string>();
        foreach (var parameter in operation["parameters"]?.AsArray() ?? [])
        {
            var name = parameter!["name"]!.GetValue<string>();
            var key = values.ContainsKey($"{path}:{name}") ? $"{path}:{name}" : name;
            if (!values.TryGetValue(key, out var choices))
            {
                continue;
            }

            if (parameter["in"]!.GetValue<string>() == "path")
            {
                urls = urls.SelectMany(u => choices.Select(c => u.Replace("{" + name + "}", Uri.EscapeDataString(c), StringComparison.Ordinal))).ToList();
            }
            else
            {
                query.Add($"{name}={Uri.EscapeDataString(choices[0])}");
            }
        }

        return urls.Select(u => query.Count == 0 ? u : $"{u}?{string.Join("&", query)}");
    }

    /// <summary>Data for every kind of answer: what each route's parameters then name.</summary>
    private async Task<Dictionary<string, string[]>> SeedAsync()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var owner = await app.ClientForAsync(DemoUsers.Owner);
        var toc = await app.ClientForAsync(DemoUsers.Toc);

        var first = TestDates.NextRange(3);
        var unassessed = await supplier.NotifyAsync(Bodies.Change(first, "BusinessCritical"));
        var firmware = await supplier.NotifyAsync(Bodies.Change(first.AddDays(1), "Firmware"));
        var assessed = await supplier.NotifyAsync(Bodies.Change(first.AddDays(2), "BusinessCritical"));
        assessed = await assessor.AssessAsync(assessed.Reference(), assessed.Revision(), "HighlyLikely");
        await supplier.NotifyAsync(Bodies.Change(TestClock.Today.AddDays(7), "UserSystem", kind: "Unplanned", description: null));
        var internalChange = await assessor.CreateInternalAsync(Bodies.Internal(first, 5, 3));
        var redDay = TestDates.Iso(first);
        await assessor.SupportPlanOfRedDayAsync(first);

        await (await assessor.SendJsonAsync(HttpMethod.Post, "/api/v1/freeze-windows", new { title = "Year end", from = redDay, to = redDay })).ExpectAsync(HttpStatusCode.Created);
        await (await supplier.SendJsonAsync(HttpMethod.Post, "/api/v1/feeds", new { kind = "OrganisationChanges", label = "Ours" })).ExpectAsync(HttpStatusCode.Created);
        await (await toc.SendJsonAsync(HttpMethod.Post, "/api/v1/feeds", new { kind = "RedDays", label = "Rota" })).ExpectAsync(HttpStatusCode.Created);
        await (await owner.SendJsonAsync(HttpMethod.Post, "/api/v1/api-keys", new { name = "Pipeline", organisation = "Supplier A" })).ExpectAsync(HttpStatusCode.Created);

        var draft = await owner.CreateDraftAsync();
        var consulted = await owner.StepAsync(draft, "consultation");
        var version = consulted.Text("version")!;
        await (await supplier.SendJsonAsync(HttpMethod.Put, $"/api/v1/methodology/versions/{version}/responses/mine", new { text = "We support the change." })).ExpectAsync(HttpStatusCode.Created);

        var past = TestClock.Today.AddDays(-2);
        var pastIso = TestDates.Iso(past);
        await (await toc.SendJsonAsync(HttpMethod.Post, "/api/v1/operations/service-requests", new[] { Bodies.ServiceRequest("SR-conformance", past) })).ExpectAsync(HttpStatusCode.OK);
        var regional = new
        {
            reference = "OUT-conformance-north",
            services = new[] { "UserInterface" },
            subSystem = "Comms hub gateway",
            region = "North",
            start = London.Text(London.At(past, 14)),
            end = London.Text(London.At(past, 15)),
            planned = false,
        };
        await (await toc.SendJsonAsync(HttpMethod.Post, "/api/v1/operations/outages", new object[] { Bodies.Outage("OUT-conformance", past), regional })).ExpectAsync(HttpStatusCode.OK);
        await (await toc.SendJsonAsync(HttpMethod.Post, "/api/v1/operations/incidents", new[] { Bodies.Incident("INC-conformance", past) })).ExpectAsync(HttpStatusCode.OK);

        var month = past.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        return new Dictionary<string, string[]>
        {
            ["/api/v1/changes/{reference}:reference"] = [unassessed.Reference(), firmware.Reference(), assessed.Reference()],
            ["/api/v1/changes/{reference}/revisions:reference"] = [unassessed.Reference(), assessed.Reference()],
            ["/api/v1/changes/{reference}/advice:reference"] = [unassessed.Reference()],
            ["/api/v1/internal-changes/{reference}:reference"] = [internalChange.Reference()],
            ["/api/v1/days/{date}:date"] = [redDay, TestDates.Iso(first.AddDays(2)), pastIso],
            ["version"] = [version],
            ["from"] = [TestDates.Iso(first)],
            ["to"] = [TestDates.Iso(first.AddDays(3))],
            ["/api/v1/outcomes:from"] = [pastIso],
            ["/api/v1/outcomes:to"] = [TestDates.Iso(TestClock.Today)],
            ["/api/v1/audit:from"] = [pastIso],
            ["/api/v1/audit:to"] = [TestDates.Iso(TestClock.Today)],
            ["/api/v1/operations/incidents:from"] = [pastIso],
            ["/api/v1/operations/incidents:to"] = [TestDates.Iso(TestClock.Today)],
            ["/api/v1/operations/incidents/{incident}:incident"] = ["INC-conformance"],
            ["month"] = [month],
            ["view"] = ["overall"],
        };
    }
}
