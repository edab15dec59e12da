using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace ChangeCoordination.EndToEnd;

/// <summary>
/// The product as the DCC runs it for the whole industry, on this machine: two app servers (separate processes of the
/// built app, on two loopback ports) over one PostgreSQL database, Redis between them, and nginx in front with the
/// repository's own configuration (<c>deploy/nginx/change-coordination.conf</c>). Debian's Chromium for the browser.
/// </summary>
public sealed class ServerFarm : IAsyncLifetime
{
    private const string DemoSigningKey = "server-farm-test";

    private readonly string folder = Path.Combine(Path.GetTempPath(), $"cc-farm-{Guid.NewGuid():N}");
    private TestDatabase? database;
    private Process? nginx;
    private IPlaywright? playwright;

    public RedisServer Redis { get; private set; } = null!;

    public AppServer First { get; private set; } = null!;

    public AppServer Second { get; private set; } = null!;

    /// <summary>nginx, in front of both servers.</summary>
    public Uri Front { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        database = TestDatabase.CreatePostgreSql();
        Redis = new RedisServer();
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Database__Provider"] = "PostgreSQL",
            ["ConnectionStrings__ChangeCoordination"] = database.ConnectionString,
            ["Demo__SeedData"] = "false",
            ["Identity__Mode"] = "Demo",
            ["Clock__Start"] = TestClock.Text,
            ["Identity__DemoSigningKey"] = DemoSigningKey,
            ["Live__Redis"] = Redis.Configuration,
            ["ReverseProxy__KnownProxies__0"] = "127.0.0.1",
        };

        // Both start together, as after a deployment: the database is migrated and set up once.
        var first = AppServer.StartAsync("first", settings, folder);
        var second = AppServer.StartAsync("second", settings, folder);
        First = await first;
        Second = await second;
        Front = StartNginx();

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = LiveApp.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>
    /// A browser context through nginx whose affinity cookie sends it to <paramref name="server"/>: nginx gives each new
    /// browser a random one, and the readiness probe says which server answered.
    /// </summary>
    public async Task<IBrowserContext> BrowserOnAsync(AppServer server)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var context = await Browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = Front.ToString(),
                ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
                Locale = "en-GB",
                TimezoneId = "Europe/London",
            });
            var probe = await context.APIRequest.GetAsync("/health/ready");
            if ((await probe.TextAsync()).Contains($"Server {server.Name} ", StringComparison.Ordinal))
            {
                return context;
            }

            await context.CloseAsync();
        }

        throw new InvalidOperationException($"nginx sent no new browser to {server.Name} in 20 tries: is the affinity hash spreading them?");
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
        if (nginx is { HasExited: false })
        {
            // The worker too: an orphaned worker would hold the output pipes open, and the wait with them.
            nginx.Kill(entireProcessTree: true);
            await nginx.WaitForExitAsync();
        }

        nginx?.Dispose();
        First?.Dispose();
        Second?.Dispose();
        Redis?.Dispose();
        database?.Dispose();
    }

    private Uri StartNginx()
    {
        const string Executable = "/usr/sbin/nginx";
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"Debian's nginx is missing at {Executable}: run ./test.sh, which installs it (apt-get install nginx).");
        }

        var port = AppServer.FreePort();
        var configuration = File.ReadAllText(Path.Combine(AppServer.RepositoryRoot, "deploy", "nginx", "change-coordination.conf"))
            .Replace("listen 127.0.0.1:8080;", $"listen 127.0.0.1:{port};", StringComparison.Ordinal)
            .Replace("server 127.0.0.1:5401 ", $"server 127.0.0.1:{First.Port} ", StringComparison.Ordinal)
            .Replace("server 127.0.0.1:5402 ", $"server 127.0.0.1:{Second.Port} ", StringComparison.Ordinal);
        var path = Path.Combine(folder, "nginx.conf");
        File.WriteAllText(path, configuration);
        nginx = Process.Start(new ProcessStartInfo(Executable, ["-p", folder + "/", "-c", path, "-g", "daemon off;"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        nginx.ErrorDataReceived += (_, _) => { };
        nginx.OutputDataReceived += (_, _) => { };
        nginx.BeginErrorReadLine();
        nginx.BeginOutputReadLine();
        AppServer.WaitForPort(port, () => nginx.HasExited ? $"nginx stopped: see {folder}/error.log" : null);
        return new Uri($"http://127.0.0.1:{port}/");
    }
}

/// <summary>One app server: the built app in a process of its own, on a free loopback port.</summary>
public sealed class AppServer : IDisposable
{
    private readonly Process process;
    private readonly StreamWriter output;

    private AppServer(string name, int port, Process process, string log, StreamWriter output)
    {
        Name = name;
        Port = port;
        this.process = process;
        this.output = output;
        Log = log;
        Address = new Uri($"http://127.0.0.1:{port}/");
    }

    public string Name { get; }

    public int Port { get; }

    public Uri Address { get; }

    /// <summary>The file its console output goes to.</summary>
    public string Log { get; }

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Starts the built app on <paramref name="port"/> (a free one when 0) and waits until it is ready.</summary>
    public static async Task<AppServer> StartAsync(string name, IReadOnlyDictionary<string, string> settings, string folder, int port = 0)
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var project = Path.Combine(RepositoryRoot, "src", "ChangeCoordination.Web");
        var dll = Path.Combine(project, "bin", configuration, "net10.0", "ChangeCoordination.Web.dll");
        port = port == 0 ? FreePort() : port;
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = project,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        start.Environment["Live__ServerName"] = name;
        var log = Path.Combine(folder, $"{name}.log");
        var writer = new StreamWriter(log, append: true) { AutoFlush = true };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Write(writer, e.Data);
        process.ErrorDataReceived += (_, e) => Write(writer, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new AppServer(name, port, process, log, writer);
        await server.WaitUntilReadyAsync();
        return server;
    }

    /// <summary>The readiness probe's answer, as JSON.</summary>
    public async Task<JsonElement> ReadinessAsync()
    {
        using var client = new HttpClient { BaseAddress = Address };
        return await client.GetFromJsonAsync<JsonElement>("/health/ready");
    }

    /// <summary>A client of this server, signed in as a demo identity.</summary>
    public async Task<HttpClient> ApiClientAsync(string email)
    {
        var client = new HttpClient { BaseAddress = Address };
        var response = await client.PostAsJsonAsync("/api/v1/dev/token", new { email });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Stops the server as a service manager does (SIGTERM), waiting up to <paramref name="patience"/>; how long it took, or null when it did not stop.</summary>
    public async Task<TimeSpan?> TerminateAsync(TimeSpan patience)
    {
        var clock = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var waiting = new CancellationTokenSource(patience);
        try
        {
            await process.WaitForExitAsync(waiting.Token);
            return clock.Elapsed;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Kills the server outright (SIGKILL), as a crash or a power cut would.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
        lock (output)
        {
            output.Dispose();
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static void WaitForPort(int port, Func<string?> failed)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(10) && failed() is null)
            {
                Thread.Sleep(50);
            }
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Server {Name} stopped while starting: see {Log}.");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (deadline.Elapsed > TimeSpan.FromSeconds(90))
            {
                throw new InvalidOperationException($"Server {Name} was not ready after 90 s: see {Log}.");
            }

            await Task.Delay(200);
        }
    }

    private static void Write(StreamWriter writer, string? line)
    {
        if (line is not null)
        {
            lock (writer)
            {
                writer.WriteLine(line);
            }
        }
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ChangeCoordination.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The tests run outside the repository: ChangeCoordination.sln was not found above them.");
    }
}
