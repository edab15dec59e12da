using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.ComponentModel;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace ChangeCoordination.Web.Tests.Infrastructure;

/// <summary>What a test's mail server offers and how it behaves.</summary>
public sealed record SmtpServerOptions
{
    /// <summary>The port to listen on; 0 for any free one.</summary>
    public int Port { get; init; }

    /// <summary>A certificate to offer STARTTLS with; none offers plain SMTP only.</summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>A login the server requires (offered only after STARTTLS); none takes mail without one.</summary>
    public (string Username, string Password)? Login { get; init; }

    /// <summary>Called before each message is stored, with its number from 1; false refuses it with a transient 451.</summary>
    public Func<int, bool>? Accept { get; init; }
}

/// <summary>A real SMTP server (the SmtpServer package) on loopback, keeping every message it takes, for tests.</summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private readonly SmtpServer.SmtpServer server;
    private readonly Task running;

    private TestSmtpServer(SmtpServerOptions options, TaskCompletionSource<int> listening)
    {
        var builder = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint =>
            {
                endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, options.Port)).IsSecure(false);
                if (options.Certificate is { } certificate)
                {
                    endpoint.Certificate(certificate);
                }

                if (options.Login is not null)
                {
                    endpoint.AuthenticationRequired();
                }
            });
        var listeners = new EndpointListenerFactory();
        listeners.EndpointStarted += (_, e) => listening.TrySetResult(((IPEndPoint)e.LocalEndPoint).Port);
        var services = new ServiceProvider();
        services.Add(listeners);
        services.Add(new Store(this, options.Accept));
        if (options.Login is { } login)
        {
            services.Add(new DelegatingUserAuthenticator((user, password) => user == login.Username && password == login.Password));
        }

        server = new SmtpServer.SmtpServer(builder.Build(), services);
        running = server.StartAsync(stopping.Token);
        _ = running.ContinueWith(t => listening.TrySetException((Exception?)t.Exception ?? new InvalidOperationException("The SMTP server stopped before it listened.")), TaskScheduler.Default);
    }

    public int Port { get; private set; }

    public ConcurrentQueue<TakenMessage> Messages { get; } = new();

    public static async Task<TestSmtpServer> StartAsync(SmtpServerOptions? options = null)
    {
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var smtp = new TestSmtpServer(options ?? new SmtpServerOptions(), listening);
        smtp.Port = await listening.Task.WaitAsync(TimeSpan.FromSeconds(10));
        return smtp;
    }

    /// <summary>A port that nothing listens on (a mail server that is down).</summary>
    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    /// <summary>A self-signed certificate for localhost, as a relay might have.</summary>
    public static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        // Through PKCS#12, so the private key is one SslStream can use on every platform.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        server.Shutdown();
        try
        {
            await running;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        stopping.Dispose();
    }

    /// <summary>A message as the server took it: the parsed message, whether the session was TLS, and who logged in.</summary>
    public sealed record TakenMessage(MimeMessage Message, bool OverTls, string? User);

    private sealed class Store(TestSmtpServer owner, Func<int, bool>? accept) : MessageStore
    {
        private int count;

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (accept is not null && !accept(Interlocked.Increment(ref count)))
            {
                return new SmtpResponse(SmtpReplyCode.Aborted, "4.3.0 try again later");
            }

            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            owner.Messages.Enqueue(new TakenMessage(message, context.Pipe.IsSecure, context.Authentication.IsAuthenticated ? context.Authentication.User : null));
            return SmtpResponse.Ok;
        }
    }
}
