using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace ChangeCoordination.Web.Tests.Infrastructure;

/// <summary>
/// A real Prometheus (Debian's <c>prometheus</c>, which <c>./test.sh</c> installs) on a free loopback port, scraping
/// one target every second into a temporary folder, and asked through its HTTP API as an operator's dashboard asks.
/// </summary>
public sealed class PrometheusServer : IDisposable
{
    public const string Executable = "/usr/bin/prometheus";

    private readonly Process process;
    private readonly string folder = Path.Combine(Path.GetTempPath(), $"cc-prometheus-{Guid.NewGuid():N}");
    private readonly HttpClient client;

    public PrometheusServer(Uri target, string metricsPath)
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"Debian's prometheus is missing at {Executable}: run ./test.sh, which installs it (apt-get install prometheus).");
        }

        Directory.CreateDirectory(folder);
        var config = Path.Combine(folder, "prometheus.yml");
        File.WriteAllText(config, $"""
            global:
              scrape_interval: 1s
            scrape_configs:
              - job_name: change-coordination
                metrics_path: {metricsPath}
                static_configs:
                  - targets: ['{target.Authority}']
            """);
        var port = RedisServer.FreePort();
        client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}") };
        process = Process.Start(new ProcessStartInfo(Executable, [
            $"--config.file={config}",
            $"--storage.tsdb.path={Path.Combine(folder, "data")}",
            $"--web.listen-address=127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The value of an instant PromQL query's first series, or null while Prometheus has none.</summary>
    public async Task<double?> QueryAsync(string promQl)
    {
        try
        {
            var answer = await client.GetFromJsonAsync<JsonElement>($"/api/v1/query?query={Uri.EscapeDataString(promQl)}");
            var result = answer.GetProperty("data").GetProperty("result");
            return result.GetArrayLength() == 0 ? null : double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
        }
        catch (HttpRequestException)
        {
            // Still starting.
            return null;
        }
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit();
        }

        process.Dispose();
        client.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}
