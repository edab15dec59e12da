using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ChangeCoordination.Web.Tests.Infrastructure;

/// <summary>Dates no other test of the run uses, so that tests sharing a database never see each other's days.</summary>
public static class TestDates
{
    // Ahead of both clocks a test app may run on: the run's (TestClock) and the calendar tests' fixed day.
    private static readonly DateOnly First = new[] { TestClock.Today, DateOnly.FromDateTime(CalendarAppFactory.Start.UtcDateTime) }.Max().AddDays(62);
    private static int next;

    /// <summary>A fresh day, with a free day either side of it.</summary>
    public static DateOnly Next() => NextRange(1);

    /// <summary>The first of <paramref name="days"/> consecutive fresh days, with a free day either side of them.</summary>
    public static DateOnly NextRange(int days)
    {
        var end = Interlocked.Add(ref next, days + 1);
        return First.AddDays(end - days);
    }

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>Request bodies as dictionaries, so a test can drop or spoil any one field.</summary>
public static class Bodies
{
    public static Dictionary<string, object?> Change(
        DateOnly date,
        string type = "UserSystem",
        double hours = 2,
        int startHour = 10,
        string kind = "Planned",
        string? description = "Head-end system release")
    {
        var start = London.At(date, startHour);
        return new Dictionary<string, object?>
        {
            ["kind"] = kind,
            ["type"] = type,
            ["start"] = London.Text(start),
            ["end"] = London.Text(start.AddMinutes(Math.Round(hours * 60))),
            ["description"] = description,
            ["deviceCombinations"] = type == "Firmware" ? Devices("ESME") : null,
        };
    }

    public static object[] Devices(params string[] devices) => [new { devices, smets = "SMETS2", manufacturer = "Acme", model = "E1", firmwareVersion = "1.2.3" }];

    public static Dictionary<string, object?> Internal(DateOnly date, int impactScore, int probabilityScore, double hours = 2, int startHour = 21) =>
        new()
        {
            ["title"] = "DSP firewall rule update",
            ["services"] = new[] { "UserInterface" },
            ["plannedMaintenance"] = true,
            ["start"] = London.Text(London.At(date, startHour)),
            ["end"] = London.Text(London.At(date, startHour).AddHours(hours)),
            ["impactScore"] = impactScore,
            ["probabilityScore"] = probabilityScore,
        };

    public static object ServiceRequest(string requestId, DateOnly date) => new
    {
        requestId,
        srv = "2.2",
        smets = "SMETS2",
        region = "North",
        received = London.Text(London.At(date, 12)),
        responded = London.Text(London.At(date, 12).AddSeconds(8)),
        outcomeCode = "I0",
    };

    public static object Outage(string reference, DateOnly date) => new
    {
        reference,
        services = new[] { "UserInterface" },
        subSystem = "DSP adapter",
        start = London.Text(London.At(date, 12)),
        end = London.Text(London.At(date, 13)),
        planned = false,
    };

    public static object Incident(string reference, DateOnly date) => new
    {
        reference,
        category = 3,
        opened = London.Text(London.At(date, 12)),
        responsibleParty = "Dcc",
    };

    public static object Assessment(string probability, string rationale = "Similar releases caused outages before.") => new { probability, rationale };
}

/// <summary>Calls of the API that the tests make again and again, with the JSON of the answers.</summary>
public static class TestApi
{
    public const string ProblemJson = "application/problem+json";

    public static async Task<string> TokenForAsync(this AppFactory app, string email)
    {
        using var client = app.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/v1/dev/token", new { email });
        response.EnsureSuccessStatusCode();
        return (await response.JsonAsync()).GetProperty("accessToken").GetString()!;
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.JsonAsync();
    }

    public static async Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string url, object? body, int? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (ifMatch is { } revision)
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{revision.ToString(CultureInfo.InvariantCulture)}\""));
        }

        return await client.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> SendRawAsync(this HttpClient client, HttpMethod method, string url, string body, string contentType = "application/json", int? ifMatch = null, bool chunked = false)
    {
        using var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative))
        {
            Content = chunked ? new ChunkedContent(body, contentType) : new StringContent(body, Encoding.UTF8, contentType),
        };
        if (ifMatch is { } revision)
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{revision.ToString(CultureInfo.InvariantCulture)}\""));
        }

        return await client.SendAsync(request);
    }

    /// <summary>Notifies a change and answers it, failing the test unless the API answered 201.</summary>
    public static async Task<JsonElement> NotifyAsync(this HttpClient client, object body)
    {
        using var response = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/changes", body);
        return await response.ExpectAsync(HttpStatusCode.Created);
    }

    public static async Task<JsonElement> UpdateAsync(this HttpClient client, string reference, int revision, object body)
    {
        using var response = await client.SendJsonAsync(HttpMethod.Put, $"/api/v1/changes/{reference}", body, revision);
        return await response.ExpectAsync(HttpStatusCode.OK);
    }

    public static async Task<JsonElement> AssessAsync(this HttpClient client, string reference, int revision, string probability)
    {
        using var response = await client.SendJsonAsync(HttpMethod.Post, $"/api/v1/changes/{reference}/assessment", Bodies.Assessment(probability), revision);
        return await response.ExpectAsync(HttpStatusCode.OK);
    }

    public static async Task<JsonElement> CancelAsync(this HttpClient client, string reference)
    {
        using var response = await client.SendJsonAsync(HttpMethod.Post, $"/api/v1/changes/{reference}/cancel", null);
        return await response.ExpectAsync(HttpStatusCode.OK);
    }

    public static async Task<JsonElement> CreateInternalAsync(this HttpClient client, object body)
    {
        using var response = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/internal-changes", body);
        return await response.ExpectAsync(HttpStatusCode.Created);
    }

    /// <summary>Waits for the support plan the product opens by itself on a day that turned Red, and returns it.</summary>
    public static async Task<JsonElement> SupportPlanOfRedDayAsync(this HttpClient client, DateOnly date)
    {
        var iso = TestDates.Iso(date);
        var days = await EventuallyAsync(
            () => client.GetJsonAsync($"/api/v1/high-risk-days?from={iso}&to={iso}"),
            d => d.GetArrayLength() == 1 && d[0].GetProperty("supportPlan").ValueKind == JsonValueKind.Object,
            "the red day's support plan");
        return days[0].GetProperty("supportPlan");
    }

    public static async Task<JsonElement> HeatmapDayAsync(this HttpClient client, string view, DateOnly date)
    {
        var iso = TestDates.Iso(date);
        var heatmap = await client.GetJsonAsync($"/api/v1/heatmap?view={view}&from={iso}&to={iso}");
        return Assert.Single(heatmap.GetProperty("days").EnumerateArray());
    }

    public static async Task<JsonElement> ExpectAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, not {(int)status}: {text}");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>
    /// Asserts an RFC 9457 problem with the status, and, for validation problems, an <c>errors</c> object that names
    /// each of <paramref name="fields"/> with a message saying what is wrong.
    /// </summary>
    public static async Task<JsonElement> ExpectProblemAsync(this HttpResponseMessage response, HttpStatusCode status, params string[] fields)
    {
        var problem = await response.ExpectAsync(status);
        Assert.Equal(ProblemJson, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        if (fields.Length > 0)
        {
            var errors = problem.GetProperty("errors");
            foreach (var field in fields)
            {
                Assert.True(errors.TryGetProperty(field, out var messages), $"The errors do not name '{field}': {errors}");
                Assert.NotEmpty(messages.EnumerateArray());
                Assert.All(messages.EnumerateArray(), m => Assert.False(string.IsNullOrWhiteSpace(m.GetString())));
            }
        }

        return problem;
    }

    public static string Reference(this JsonElement change) => change.GetProperty("reference").GetString()!;

    public static int Revision(this JsonElement change) => change.GetProperty("revision").GetInt32();

    public static string? Text(this JsonElement element, string property) => element.GetProperty(property).GetString();

    public static IReadOnlyList<string> PropertyNames(this JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];

    /// <summary>Polls until the condition holds (background work, such as support plans, lands a moment after the write).</summary>
    public static Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what) =>
        Eventually.ReadAsync(read, done, what, TimeSpan.FromSeconds(10));
}

/// <summary>A body of unknown length, sent chunked with no Content-Length, as streaming clients send it.</summary>
public sealed class ChunkedContent : HttpContent
{
    private readonly byte[] body;

    public ChunkedContent(string body, string contentType)
    {
        this.body = Encoding.UTF8.GetBytes(body);
        Headers.ContentType = new MediaTypeHeaderValue(contentType) { CharSet = "utf-8" };
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(body).AsTask();

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
