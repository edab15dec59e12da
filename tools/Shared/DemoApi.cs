using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace ChangeCoordination.LoadTools;

/// <summary>The outcome of one write: status, the change's reference and revision, and when it was sent and answered.</summary>
internal sealed record ApiResult(int Status, string? Reference, int Revision, long SentTicks, long AnsweredTicks, double SentWallMs, double AnsweredWallMs)
{
    public bool Ok => Status is >= 200 and < 300;

    public double Milliseconds => Stopwatch.GetElapsedTime(SentTicks, AnsweredTicks).TotalMilliseconds;
}

/// <summary>
/// The app's public HTTP API (shared/API.md) as the load tools use it: demo tokens, notifying a change as a DCC User,
/// and assessing it with <c>If-Match</c>. Every call records its send and answer times.
/// </summary>
internal sealed class DemoApi : IDisposable
{
    public const string Assessor = "assessor@dcc.example";

    public static readonly string[] DccUsers = ["user@supplier-a.example", "user@supplier-b.example", "user@network-c.example"];

    /// <summary>Identities that only watch (for the hub's clients).</summary>
    public static readonly string[] Watchers = ["toc@dcc.example", "manager@dcc.example", "owner@dcc.example", "wall@dcc.example"];

    private static readonly string[] FirmwareDevices = ["ESME", "CommsHub"];

    private readonly HttpClient http;

    public DemoApi(Uri baseAddress, int maxConnections)
    {
        http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = false,
            UseProxy = false,
        })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public static double WallMs() => (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The first London date a change may start on and be visible: the day after tomorrow, in UTC terms.</summary>
    public static DateOnly FirstFreeDay() => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2);

    public async Task<string> TokenAsync(string email, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/dev/token", new { email }, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return body.RootElement.GetProperty("accessToken").GetString()!;
    }

    /// <summary>
    /// POST /api/v1/changes: a planned change of the given type from 20:00 to 22:00 UTC on <paramref name="day"/>
    /// (the same London date all year). A BusinessCritical one turns a White day Green, may rise to Red.
    /// </summary>
    public async Task<ApiResult> NotifyAsync(string token, DateOnly day, string type, string description, CancellationToken cancellationToken)
    {
        var iso = Iso(day);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/changes")
        {
            Content = JsonContent.Create(new
            {
                kind = "Planned",
                type,
                start = $"{iso}T20:00:00Z",
                end = $"{iso}T22:00:00Z",
                description,
                deviceCombinations = type == "Firmware"
                    ? new object[] { new { devices = FirmwareDevices, smets = "SMETS2", manufacturer = "Load", model = "L1", firmwareVersion = "1.0.0" } }
                    : [],
            }),
        };
        return await SendAsync(request, token, cancellationToken);
    }

    /// <summary>POST /api/v1/changes/{reference}/assessment with If-Match.</summary>
    public async Task<ApiResult> AssessAsync(string token, string reference, int revision, string probability, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/changes/{reference}/assessment")
        {
            Content = JsonContent.Create(new { probability, rationale = "Load test: the day's status moves with each assessment." }),
        };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{revision.ToString(CultureInfo.InvariantCulture)}\""));
        return await SendAsync(request, token, cancellationToken);
    }

    public void Dispose() => http.Dispose();

    private async Task<ApiResult> SendAsync(HttpRequestMessage request, string token, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var sentWall = WallMs();
        var sent = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var answered = Stopwatch.GetTimestamp();
            var wall = WallMs();
            var reference = response.Headers.Location is { } location ? location.OriginalString[(location.OriginalString.LastIndexOf('/') + 1)..] : null;
            var revision = response.Headers.ETag is { } etag && int.TryParse(etag.Tag.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : 0;
            return new ApiResult((int)response.StatusCode, reference, revision, sent, answered, sentWall, wall);
        }
        catch (HttpRequestException)
        {
            return new ApiResult(0, null, 0, sent, Stopwatch.GetTimestamp(), sentWall, WallMs());
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ApiResult(-1, null, 0, sent, Stopwatch.GetTimestamp(), sentWall, WallMs());
        }
    }
}
