using System.Diagnostics;
using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace ChangeCoordination.Web.Tests.Api;

/// <summary>The app the fuzz test hammers: its API rate limit lifted and its request logging quietened, errors still logged.</summary>
public sealed class FuzzApp : IDisposable
{
    public AppFactory App { get; } = new()
    {
        Customise = builder =>
        {
            builder.UseSetting("RateLimits:Api:PermitLimit", "100000000");
            builder.UseSetting("Logging:LogLevel:Default", "Error");
        },
    };

    public void Dispose() => App.Dispose();
}

/// <summary>
/// Every operation of the OpenAPI document, as every caller, with hostile values in each parameter, each body field
/// and the body as a whole: no request answers a 5xx, and a request answered with a 4xx writes nothing.
/// </summary>
public sealed class FuzzTests(FuzzApp fixture, ITestOutputHelper output) : IClassFixture<FuzzApp>, IAsyncLifetime
{
    private const string Anonymous = "(no token)";
    private const string Placeholder = "@@hostile@@";

    private static readonly string[] Callers =
    [
        Anonymous, DemoUsers.SupplierA, DemoUsers.SupplierB, DemoUsers.NetworkC,
        DemoUsers.Assessor, DemoUsers.Toc, DemoUsers.Manager, DemoUsers.Owner, DemoUsers.Wall,
    ];

    /// <summary>Hostile values for query strings and path segments, written as they travel (percent-encoded).</summary>
    private static readonly (string Label, string Raw)[] HostileText =
    [
        ("empty", ""),
        ("space", "%20"),
        ("letters", "abc"),
        ("negative", "-1"),
        ("zero", "0"),
        ("past int32", "2147483648"),
        ("huge", "99999999999"),
        ("past int64", "9223372036854775808"),
        ("huge negative", "-99999999999"),
        ("exponent", "1e309"),
        ("NaN", "NaN"),
        ("full-width digits", Uri.EscapeDataString("２０２６")),
        ("Arabic-Indic digits", Uri.EscapeDataString("٢٠٢٦")),
        ("date 0001", "0001-01-01"),
        ("date 9999", "9999-12-31"),
        ("no such date", "2026-02-30"),
        ("month 0001", "0001-01"),
        ("month 9999", "9999-12"),
        ("instant 0001", Uri.EscapeDataString("0001-01-01T00:00:00+00:00")),
        ("instant 9999", Uri.EscapeDataString("9999-12-31T23:59:59-14:00")),
        ("null", "null"),
        ("NUL", "%00"),
        ("CR LF", "a%0D%0Ab"),
        ("bare CR", "a%0Db"),
        ("escape", "%1B%5B31m"),
        ("lone surrogate", "%ED%A0%80"),
        ("invalid UTF-8", "%FF%FE"),
        ("long", new string('9', 5000)),
        ("dot dot", "..%2F..%2Fetc%2Fpasswd"),
        ("percent", "%25"),
        ("quote", "%27%20OR%201%3D1--"),
        ("markup", Uri.EscapeDataString("<script>alert(1)</script>")),
        ("emoji", Uri.EscapeDataString("🙂")),
    ];

    /// <summary>Hostile values for JSON body fields.</summary>
    private static readonly (string Label, string Json)[] HostileJson =
    [
        ("null", "null"),
        ("true", "true"),
        ("zero", "0"),
        ("negative", "-1"),
        ("past int32", "2147483648"),
        ("past int64", "-9223372036854775809"),
        ("huge", "1e308"),
        ("fraction", "1.5"),
        ("empty", "\"\""),
        ("space", "\" \""),
        ("letters", "\"abc\""),
        ("numeric text", "\"99999999999\""),
        ("full-width digits", "\"２０２６\""),
        ("NUL", "\"\\u0000\""),
        ("CR LF", "\"a\\r\\nb\""),
        ("bare CR", "\"a\\rb\""),
        ("lone surrogate", "\"\\ud800\""),
        ("date 0001", "\"0001-01-01\""),
        ("date 9999", "\"9999-12-31\""),
        ("instant 0001", "\"0001-01-01T00:00:00+00:00\""),
        ("instant 9999", "\"9999-12-31T23:59:59+00:00\""),
        ("instant 9999 west", "\"9999-12-31T23:59:59-14:00\""),
        ("empty array", "[]"),
        ("empty object", "{}"),
        ("array of null", "[null]"),
        ("long", $"\"{new string('x', 100_000)}\""),
        ("deep", new string('[', 100) + new string(']', 100)),
    ];

    /// <summary>Hostile bodies as a whole: (label, content type, body).</summary>
    private static readonly (string Label, string ContentType, string Body)[] HostileBodies =
    [
        ("no body", "application/json", ""),
        ("JSON null", "application/json", "null"),
        ("JSON number", "application/json", "5"),
        ("JSON text", "application/json", "\"x\""),
        ("JSON array", "application/json", "[]"),
        ("JSON object", "application/json", "{}"),
        ("broken JSON", "application/json", "{\"a\":"),
        ("lone surrogate", "application/json", "\"\\udc00\""),
        ("text", "text/plain", "hello"),
        ("CSV of nothing", "text/csv", ""),
        ("CSV with NUL and an open quote", "text/csv", "a,b\r\n\"x\0,1\r\n"),
    ];

    /// <summary>The pairs of fields that make a window or a range of dates.</summary>
    private static readonly (string First, string Second)[] WindowFields =
    [
        ("start", "end"), ("from", "to"), ("received", "responded"), ("opened", "resolved"),
    ];

    private static readonly (string Label, string From, string To)[] HostileWindows =
    [
        ("window in 0001", "0001-01-01T10:00:00+00:00", "0001-01-01T12:00:00+00:00"),
        ("window at 0001's first instant", "0001-01-01T00:00:00+00:00", "0001-01-01T02:00:00+00:00"),
        ("window in 9999", "9999-12-31T10:00:00+00:00", "9999-12-31T12:00:00+00:00"),
        ("window at 9999's last instant", "9999-12-31T21:59:59+00:00", "9999-12-31T23:59:59+00:00"),
        ("window in 3000", "3000-06-01T10:00:00+00:00", "3000-06-01T12:00:00+00:00"),
    ];

    private static readonly (string Label, string From, string To)[] HostileDateRanges =
    [
        ("range in 0001", "0001-01-01", "0001-01-02"),
        ("range in 9999", "9999-12-30", "9999-12-31"),
        ("range in 3000", "3000-06-01", "3000-06-02"),
    ];

    private static readonly (string Label, string Value)[] HostileIfMatch =
    [
        ("letters", "\"abc\""),
        ("negative", "\"-1\""),
        ("huge", "\"99999999999\""),
        ("star", "*"),
        ("weak", "W/\"1\""),
        ("empty tag", "\"\""),
        ("bare", "1"),
    ];

    private readonly AppFactory app = fixture.App;
    private readonly Dictionary<string, string> pathValues = [];
    private readonly Dictionary<string, int> revisions = [];
    private readonly List<string> failures = [];
    private readonly Dictionary<int, int> statuses = [];
    private string fingerprint = "";
    private string methodologyDraft = "{}";
    private ChangeCoordinationDb? database;
    private DbCommand? fingerprintCommand;
    private TimeSpan fingerprinting;
    private int sent;

    [Fact]
    public async Task No_hostile_value_in_any_parameter_or_body_field_of_any_operation_answers_a_5xx_and_a_4xx_writes_nothing()
    {
        var clock = Stopwatch.StartNew();
        var clients = new Dictionary<string, HttpClient> { [Anonymous] = app.CreateClient() };
        foreach (var email in Callers.Skip(1))
        {
            clients[email] = await app.ClientForAsync(email);
        }

        await SeedAsync(clients);
        var document = JsonNode.Parse(await clients[Anonymous].GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)))!;
        var operations = Operations(document).ToList();
        fingerprint = await FingerprintAsync();

        foreach (var operation in operations)
        {
            foreach (var caller in Callers)
            {
                await FuzzAsync(clients[caller], caller, operation);
            }
        }

        output.WriteLine(
            $"{sent} requests to {operations.Count} operations as {Callers.Length} callers in {clock.Elapsed.TotalSeconds:0.0} s; " +
            $"{HostileText.Length} hostile parameter values, {HostileJson.Length} hostile field values, {HostileWindows.Length + HostileDateRanges.Length} hostile windows, " +
            $"{HostileBodies.Length} hostile bodies, {HostileIfMatch.Length} hostile If-Match values " +
            $"({HostileText.Length + HostileJson.Length + HostileWindows.Length + HostileDateRanges.Length + HostileBodies.Length + HostileIfMatch.Length} in all); " +
            $"{fingerprinting.TotalSeconds:0.0} s spent on fingerprints");
        output.WriteLine("statuses: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} x{s.Value}")));
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} requests failed:\n" + string.Join("\n", failures.Take(60)));
    }

    private sealed record Operation(string Method, string Path, IReadOnlyList<(string Name, string In)> Parameters, string? ContentType, JsonNode? BodySchema, JsonNode Document);

    private static IEnumerable<Operation> Operations(JsonNode document)
    {
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var parameters = (operation!["parameters"]?.AsArray() ?? [])
                    .Select(p => (p!["name"]!.GetValue<string>(), p["in"]!.GetValue<string>()))
                    .ToList();
                var content = operation["requestBody"]?["content"]?.AsObject().FirstOrDefault();
                yield return new Operation(method.ToUpperInvariant(), path, parameters, content?.Key, content?.Value?["schema"], document);
            }
        }
    }

    private async Task FuzzAsync(HttpClient client, string caller, Operation operation)
    {
        var body = BaseBody(operation);
        var valid = await SendAsync(client, caller, operation, "valid", Url(operation), body, operation.ContentType);

        // A caller the route is not for is turned away before anything is read: a few values show it stays so.
        var sample = valid is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden ? 3 : int.MaxValue;
        foreach (var (name, where) in operation.Parameters)
        {
            // Kestrel refuses a NUL in the path itself (400) before any app code runs; the test host throws instead.
            foreach (var (label, raw) in HostileText.Where(v => where != "path" || v.Raw != "%00").Take(sample))
            {
                await SendAsync(client, caller, operation, $"{where} {name} = {label}", Url(operation, name, raw), body, operation.ContentType);
            }
        }

        if (body is not null && operation.ContentType == "application/json")
        {
            foreach (var field in Leaves(JsonNode.Parse(body)!, "$"))
            {
                foreach (var (label, json) in HostileJson.Take(sample))
                {
                    var spoilt = JsonNode.Parse(body)!;
                    Replace(spoilt, field, JsonValue.Create(Placeholder));

                    // Spliced in as text: a lone surrogate is JSON that System.Text.Json itself will not write.
                    var text = spoilt.ToJsonString().Replace($"\"{Placeholder}\"", json, StringComparison.Ordinal);
                    await SendAsync(client, caller, operation, $"{field} = {label}", Url(operation), text, operation.ContentType);
                }
            }
        }

        if (body is not null && operation.ContentType == "application/json")
        {
            await FuzzWindowsAsync(client, caller, operation, body, sample);
        }

        if (operation.ContentType is not null)
        {
            foreach (var (label, contentType, whole) in HostileBodies)
            {
                await SendAsync(client, caller, operation, $"body = {label}", Url(operation), whole, contentType);
            }
        }

        if (operation.Method is "PUT" or "POST" && operation.Path.Contains('{', StringComparison.Ordinal))
        {
            foreach (var (label, value) in HostileIfMatch.Take(sample))
            {
                await SendAsync(client, caller, operation, $"If-Match = {label}", Url(operation), body, operation.ContentType, value);
            }
        }
    }

    /// <summary>
    /// A window moved whole to the ends of the calendar: one field at a time only ever makes the end come before the
    /// start, which the first check refuses.
    /// </summary>
    private async Task FuzzWindowsAsync(HttpClient client, string caller, Operation operation, string body, int sample)
    {
        foreach (var (first, second) in WindowFields)
        {
            foreach (var owner in Owners(JsonNode.Parse(body)!, "$").Where(o => IsText(o.Node[first]) && IsText(o.Node[second])))
            {
                var instants = owner.Node[first]!.GetValue<string>().Contains('T', StringComparison.Ordinal);
                foreach (var (label, from, to) in (instants ? HostileWindows : HostileDateRanges).Take(sample))
                {
                    var what = $"{owner.Path}.{first}/{second} = {label}";
                    var spoilt = JsonNode.Parse(body)!;
                    var target = Owners(spoilt, "$").Single(o => o.Path == owner.Path).Node;
                    target[first] = from;
                    target[second] = to;
                    await SendAsync(client, caller, operation, what, Url(operation), spoilt.ToJsonString(), operation.ContentType);
                }
            }
        }
    }

    private static bool IsText(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.String;

    /// <summary>The objects of a body (itself, and the first item of each array) with their JSON paths.</summary>
    private static IEnumerable<(string Path, JsonObject Node)> Owners(JsonNode node, string path)
    {
        if (node is JsonObject obj)
        {
            yield return (path, obj);
            foreach (var (name, child) in obj)
            {
                if (child is not null)
                {
                    foreach (var owner in Owners(child, $"{path}.{name}"))
                    {
                        yield return owner;
                    }
                }
            }
        }
        else if (node is JsonArray { Count: > 0 } array && array[0] is { } item)
        {
            foreach (var owner in Owners(item, $"{path}[0]"))
            {
                yield return owner;
            }
        }
    }

    private async Task<HttpStatusCode> SendAsync(HttpClient client, string caller, Operation operation, string what, string url, string? body, string? contentType, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(operation.Method), new Uri(url, UriKind.Relative));
        if (body is not null && contentType is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        var resource = ResourceOf(operation);
        var tag = ifMatch ?? (resource is not null && revisions.TryGetValue(resource, out var revision) ? $"\"{revision}\"" : "\"1\"");
        request.Headers.TryAddWithoutValidation("If-Match", tag);

        using var response = await client.SendAsync(request);
        sent++;
        var status = (int)response.StatusCode;
        statuses[status] = statuses.GetValueOrDefault(status) + 1;
        var where = $"{operation.Method} {url[..Math.Min(url.Length, 120)]} as {caller} with {what}";
        if (status >= 500)
        {
            var text = await response.Content.ReadAsStringAsync();
            failures.Add($"{status}: {where}: {text[..Math.Min(text.Length, 200)]}");
        }

        if (status is >= 200 and < 300 && resource is not null && response.Headers.ETag is { } etag
            && int.TryParse(etag.Tag.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var now))
        {
            revisions[resource] = now;
        }

        var after = await FingerprintAsync();
        if (status is >= 400 and < 500 && after != fingerprint)
        {
            failures.Add($"{status} but written: {where}: {fingerprint} -> {after}");
        }

        fingerprint = after;
        return response.StatusCode;
    }

    /// <summary>The resource a write's If-Match speaks of: the change, internal change, version, plan or person of its path.</summary>
    private string? ResourceOf(Operation operation)
    {
        var parameter = operation.Parameters.FirstOrDefault(p => p.In == "path").Name;
        return parameter is null ? null : Prefix(operation.Path) + "/" + pathValues.GetValueOrDefault(Key(operation.Path, parameter));
    }

    private string Url(Operation operation, string? spoiltName = null, string? spoiltRaw = null)
    {
        var path = operation.Path;
        var query = new List<string>();
        foreach (var (name, where) in operation.Parameters)
        {
            var value = name == spoiltName ? spoiltRaw! : Uri.EscapeDataString(pathValues.GetValueOrDefault(Key(operation.Path, name), ValidQueryValue(name)));
            if (where == "path")
            {
                path = path.Replace("{" + name + "}", value, StringComparison.Ordinal);
            }
            else if (where == "query")
            {
                query.Add($"{name}={value}");
            }
        }

        return query.Count == 0 ? path : path + "?" + string.Join("&", query);
    }

    private static string ValidQueryValue(string name) => name switch
    {
        "from" => TestDates.Iso(TestClock.Today),
        "to" => TestDates.Iso(TestClock.Today.AddDays(6)),
        "view" => "overall",
        "status" => "AwaitingAssessment",
        "month" => TestClock.Today.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        "year" => TestClock.Today.Year.ToString(CultureInfo.InvariantCulture),
        "page" => "1",
        "pageSize" => "20",
        "methodology" => "1",
        _ => "x",
    };

    private static string Key(string path, string parameter) => Prefix(path) + ":" + parameter;

    /// <summary>The collection a path belongs to, such as /api/v1/changes or /api/v1/feeds.</summary>
    private static string Prefix(string path) => string.Join('/', path.Split('/').Take(4));

    /// <summary>Creates what the paths name: a change, an internal change, a red day's plan, a draft, a freeze window, a feed, a person, a key.</summary>
    private async Task SeedAsync(Dictionary<string, HttpClient> clients)
    {
        var supplier = clients[DemoUsers.SupplierA];
        var assessor = clients[DemoUsers.Assessor];
        var owner = clients[DemoUsers.Owner];
        var date = TestDates.Next();
        var change = await supplier.NotifyAsync(Bodies.Change(date, "BusinessCritical"));
        Remember("/api/v1/changes", "reference", change.Reference(), change.Revision());
        var redDay = TestDates.Next();
        var internalChange = await assessor.CreateInternalAsync(Bodies.Internal(redDay, 5, 3));
        Remember("/api/v1/internal-changes", "reference", internalChange.Reference(), internalChange.Revision());
        var iso = TestDates.Iso(redDay);
        Remember("/api/v1/support-plans", "date", iso, (await assessor.SupportPlanOfRedDayAsync(redDay)).Revision());
        Remember("/api/v1/days", "date", iso, 0);
        var draft = await owner.CreateDraftAsync();
        Remember("/api/v1/methodology", "version", draft.Text("version")!, draft.Revision());
        var freeze = await (await assessor.SendJsonAsync(HttpMethod.Post, "/api/v1/freeze-windows", new { title = "Year end", from = iso, to = iso })).ExpectAsync(HttpStatusCode.Created);
        Remember("/api/v1/freeze-windows", "id", Id(freeze), 0);
        var feed = await (await supplier.SendJsonAsync(HttpMethod.Post, "/api/v1/feeds", new { kind = "OrganisationChanges", label = "Ours" })).ExpectAsync(HttpStatusCode.Created);
        Remember("/api/v1/feeds", "id", Id(feed), 0);
        var person = await (await owner.SendJsonAsync(HttpMethod.Post, "/api/v1/people", new { email = "fuzz.target@dcc.example", displayName = "Fuzz Target", role = "DccAssessor", organisation = "DCC", hasDetailAccess = false })).ExpectAsync(HttpStatusCode.Created);
        Remember("/api/v1/people", "id", Id(person), person.Revision());
        var key = await (await owner.SendJsonAsync(HttpMethod.Post, "/api/v1/api-keys", new { name = "Pipeline", organisation = "Supplier A" })).ExpectAsync(HttpStatusCode.Created);
        Remember("/api/v1/api-keys", "id", Id(key), 0);
        Remember("/api/v1/operations", "kind", "service-requests", 0);
        methodologyDraft = (await MethodologyBodies.DraftAsync(owner)).ToJsonString();
    }

    private static string Id(JsonElement created) => created.GetProperty("id").GetInt32().ToString(CultureInfo.InvariantCulture);

    private void Remember(string prefix, string parameter, string value, int revision)
    {
        pathValues[prefix + ":" + parameter] = value;
        if (revision > 0)
        {
            revisions[prefix + "/" + value] = revision;
        }
    }

    /// <summary>A body the operation takes as it should be: each hostile value then spoils one field of it.</summary>
    private string? BaseBody(Operation operation)
    {
        var date = TestDates.Next();
        var iso = TestDates.Iso(date);
        object? body = $"{operation.Method} {operation.Path}" switch
        {
            "POST /api/v1/dev/token" => new { email = DemoUsers.Assessor },
            "POST /api/v1/changes" or "PUT /api/v1/changes/{reference}" => Bodies.Change(date, "Firmware"),
            "POST /api/v1/changes/batch" => new[] { Bodies.Change(date, "Firmware") },
            "POST /api/v1/changes/{reference}/assessment" => Bodies.Assessment("Likely"),
            "POST /api/v1/internal-changes" or "PUT /api/v1/internal-changes/{reference}" => Bodies.Internal(date, 2, 2),
            "POST /api/v1/internal-changes/import" => null,
            "PUT /api/v1/support-plans/{date}/assignment" => new { tocLead = "Tom Okafor", majorIncidentContact = "MIM duty manager" },
            "PUT /api/v1/support-plans/{date}/checklist" => new { briefingSent = true, dashboardsPrepared = false, usersContacted = true, handoverDone = false },
            "POST /api/v1/support-plans/{date}/log" => new { text = "Watching the head-end queue." },
            "PUT /api/v1/bank-holidays/overrides" => JsonNode.Parse($$$"""{"england-and-wales":{"division":"england-and-wales","events":[{"title":"Extra","date":"{{{iso}}}","notes":"","bunting":true}]}}"""),
            "POST /api/v1/freeze-windows" => new { title = "Freeze", from = iso, to = iso },
            "POST /api/v1/feeds" => new { kind = "OrganisationChanges", label = "Ours" },
            "POST /api/v1/methodology/versions" or "PUT /api/v1/methodology/versions/{version}" => JsonNode.Parse(methodologyDraft),
            "POST /api/v1/methodology/versions/{version}/approval" => new { panelDecision = "Panel 7", effectiveFrom = iso },
            "PUT /api/v1/methodology/versions/{version}/responses/mine" => new { text = "We support the change." },
            "POST /api/v1/operations/service-requests" => new[] { Bodies.ServiceRequest("SR-" + iso, date) },
            "POST /api/v1/operations/outages" => new[] { Bodies.Outage("OUT-" + iso, date) },
            "POST /api/v1/operations/incidents" => new[] { Bodies.Incident("INC-" + iso, date) },
            "PUT /api/v1/operations/variants" => new[] { new { srv = "2.2", process = "Prepayment", targetSeconds = 30, name = "Top-up" } },
            "POST /api/v1/people" or "PUT /api/v1/people/{id}" => new { email = $"fuzz.{iso}@dcc.example", displayName = "Fuzz", role = "DccManager", organisation = "DCC", hasDetailAccess = true },
            "POST /api/v1/api-keys" => new { name = "Nightly", organisation = "Supplier B" },
            _ when operation.ContentType == "text/csv" => null,
            _ when operation.BodySchema is { } schema => Generated(schema, operation.Document),
            _ => null,
        };

        return operation.ContentType switch
        {
            null => null,
            "text/csv" => "reference,title\r\n",
            _ => body is null ? "{}" : JsonSerializer.Serialize(body),
        };
    }

    /// <summary>A plausible value for a schema the table above does not know: the first enum value, "x", 1, true, one item.</summary>
    private static JsonNode? Generated(JsonNode schema, JsonNode document, int depth = 0)
    {
        if (depth > 5)
        {
            return null;
        }

        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            return Generated(document["components"]!["schemas"]![reference.Split('/')[^1]]!, document, depth + 1);
        }

        if (schema["oneOf"]?.AsArray().LastOrDefault() is { } last)
        {
            return Generated(last, document, depth + 1);
        }

        if (schema["enum"]?.AsArray().FirstOrDefault(e => e is not null) is { } first)
        {
            return first.DeepClone();
        }

        var types = schema["type"] switch
        {
            JsonArray array => array.Select(t => t!.GetValue<string>()).ToList(),
            JsonValue value => [value.GetValue<string>()],
            _ => new List<string> { "object" },
        };
        if (types.Contains("object") && schema["properties"] is JsonObject properties)
        {
            var result = new JsonObject();
            foreach (var (name, property) in properties)
            {
                result[name] = Generated(property!, document, depth + 1);
            }

            return result;
        }

        return types switch
        {
            _ when types.Contains("array") => new JsonArray(Generated(schema["items"] ?? new JsonObject(), document, depth + 1)),
            _ when types.Contains("boolean") => true,
            _ when types.Contains("integer") || types.Contains("number") => 1,
            _ when types.Contains("string") => "x",
            _ => null,
        };
    }

    /// <summary>Every field of a body, nested ones included, as JSON paths: $.start, $.deviceCombinations[0].devices[0].</summary>
    private static IEnumerable<string> Leaves(JsonNode node, string path)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    var childPath = $"{path}.{name}";
                    yield return childPath;
                    if (child is not null)
                    {
                        foreach (var leaf in Leaves(child, childPath).Skip(1))
                        {
                            yield return leaf;
                        }
                    }
                }

                break;
            case JsonArray array:
                yield return path;
                if (array.Count > 0 && array[0] is { } item)
                {
                    foreach (var leaf in Leaves(item, $"{path}[0]"))
                    {
                        yield return leaf;
                    }
                }

                break;
            default:
                yield return path;
                break;
        }
    }

    private static void Replace(JsonNode root, string path, JsonNode value)
    {
        var steps = path[1..].Replace("[0]", ".[0]", StringComparison.Ordinal).Split('.', StringSplitOptions.RemoveEmptyEntries);
        var node = root;
        for (var i = 0; i < steps.Length; i++)
        {
            var last = i == steps.Length - 1;
            if (steps[i] == "[0]")
            {
                var array = node!.AsArray();
                if (last)
                {
                    array[0] = value;
                }
                else
                {
                    node = array[0];
                }
            }
            else if (last)
            {
                node!.AsObject()[steps[i]] = value;
            }
            else
            {
                node = node!.AsObject()[steps[i]];
            }
        }
    }

    /// <summary>
    /// What a write changes, cheaply: row counts and revisions of the tables that requests write, and the audit
    /// trail's last entry (a 4xx is audited as neither a write nor a read of details). Background work (notifications,
    /// e-mail, plans opening on red days and their log) is left out: it follows earlier successful writes, not the request at hand.
    /// </summary>
    private async Task<string> FingerprintAsync()
    {
        if (fingerprintCommand is null)
        {
            database = await app.Services.GetRequiredService<IDbContextFactory<ChangeCoordinationDb>>().CreateDbContextAsync();
            var connection = database.Database.GetDbConnection();
            await connection.OpenAsync();
            fingerprintCommand = connection.CreateCommand();
            fingerprintCommand.CommandText = FingerprintSql();
        }

        var started = Stopwatch.GetTimestamp();
        var value = (string)(await fingerprintCommand.ExecuteScalarAsync())!;
        fingerprinting += Stopwatch.GetElapsedTime(started);
        return value;
    }

    private static string FingerprintSql()
    {
        string[] parts =
        [
            "(SELECT COUNT(*) FROM \"Changes\")",
            "(SELECT COALESCE(SUM(\"Revision\"), 0) FROM \"Changes\")",
            "(SELECT COUNT(*) FROM \"ChangeRevisions\")",
            "(SELECT COUNT(*) FROM \"InternalChanges\")",
            "(SELECT COALESCE(SUM(\"Revision\"), 0) FROM \"InternalChanges\")",
            "(SELECT COUNT(*) FROM \"MethodologyVersions\")",
            "(SELECT COALESCE(SUM(\"Revision\"), 0) FROM \"MethodologyVersions\")",
            "(SELECT COUNT(*) FROM \"MethodologyResponses\")",
            "(SELECT COUNT(*) FROM \"FreezeWindows\")",
            "(SELECT COUNT(*) FROM \"CalendarFeeds\")",
            "(SELECT COUNT(*) FROM \"ApiKeys\")",
            "(SELECT COUNT(*) FROM \"People\")",
            "(SELECT COALESCE(SUM(\"Revision\"), 0) FROM \"People\")",
            "(SELECT COUNT(*) FROM \"BankHolidayOverrides\")",
            "(SELECT COALESCE(SUM(\"Revision\"), 0) FROM \"VariantTables\")",
            "(SELECT COUNT(*) FROM \"ServiceRequests\")",
            "(SELECT COUNT(*) FROM \"Outages\")",
            "(SELECT COUNT(*) FROM \"Incidents\")",
            "(SELECT COALESCE(MAX(\"Id\"), 0) FROM \"AuditEvents\")",
        ];
        return "SELECT " + string.Join(" || ',' || ", parts);
    }

    public async Task DisposeAsync()
    {
        if (fingerprintCommand is not null)
        {
            await fingerprintCommand.DisposeAsync();
        }

        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;
}
