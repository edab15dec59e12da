using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ChangeCoordination.Web.Tests.Infrastructure;

/// <summary>
/// A real Redis server (Debian's <c>redis-server</c>, which <c>./test.sh</c> installs) on a free loopback port, with
/// nothing persisted; it can be stopped and started again on the same port, as a network or Redis outage.
/// </summary>
public sealed class RedisServer : IDisposable
{
    public const string Executable = "/usr/bin/redis-server";

    private Process? process;

    public RedisServer()
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"Debian's redis-server is missing at {Executable}: run ./test.sh, which installs it (apt-get install redis-server).");
        }

        Port = FreePort();
        Start();
    }

    public int Port { get; }

    /// <summary>The <c>Live:Redis</c> setting that reaches this server.</summary>
    public string Configuration => $"127.0.0.1:{Port},connectTimeout=2000";

    public void Start()
    {
        process = Process.Start(new ProcessStartInfo(Executable, ["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        while (!Answers())
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(10) || process.HasExited)
            {
                throw new InvalidOperationException($"redis-server did not start on port {Port}.");
            }

            Thread.Sleep(50);
        }
    }

    public void Stop()
    {
        if (process is { HasExited: false })
        {
            process.Kill();
            process.WaitForExit();
        }

        process?.Dispose();
        process = null;
    }

    public void Dispose() => Stop();

    private bool Answers()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            using var stream = client.GetStream();
            stream.Write("PING\r\n"u8);
            var buffer = new byte[7];
            return stream.Read(buffer) > 0 && buffer[0] == (byte)'+';
        }
        catch (SocketException)
        {
            return false;
        }
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
