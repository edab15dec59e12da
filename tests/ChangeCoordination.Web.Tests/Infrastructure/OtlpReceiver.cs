using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Google.Protobuf;

namespace ChangeCoordination.Web.Tests.Infrastructure;

/// <summary>
/// A collector's OTLP/HTTP endpoint on a free loopback port: it takes what an app exports to <c>/v1/traces</c> and keeps
/// each span's trace id and name, read from the protobuf wire format (ExportTraceServiceRequest: resource_spans = 1,
/// scope_spans = 2, spans = 2; Span: trace_id = 1, name = 5).
/// </summary>
public sealed class OtlpReceiver : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentQueue<(string TraceId, string Name)> spans = new();

    public OtlpReceiver()
    {
        var port = RedisServer.FreePort();
        Endpoint = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        listener.Prefixes.Add(Endpoint.ToString());
        listener.Start();
        _ = ReceiveAsync();
    }

    public Uri Endpoint { get; }

    public IReadOnlyList<(string TraceId, string Name)> Spans => [.. spans];

    public void Dispose() => listener.Close();

    private async Task ReceiveAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using (var body = new MemoryStream())
            {
                await context.Request.InputStream.CopyToAsync(body);
                if (context.Request.Url?.AbsolutePath == "/v1/traces")
                {
                    foreach (var resourceSpans in Fields(body.ToArray(), 1))
                    {
                        foreach (var scopeSpans in Fields(resourceSpans, 2))
                        {
                            foreach (var span in Fields(scopeSpans, 2))
                            {
                                var traceId = Convert.ToHexStringLower(Fields(span, 1).Single());
                                spans.Enqueue((traceId, System.Text.Encoding.UTF8.GetString(Fields(span, 5).Single())));
                            }
                        }
                    }
                }
            }

            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }

    /// <summary>The length-delimited fields numbered <paramref name="number"/> of one protobuf message.</summary>
    private static List<byte[]> Fields(byte[] message, int number)
    {
        var found = new List<byte[]>();
        var input = new CodedInputStream(message);
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            if (WireFormat.GetTagFieldNumber(tag) == number && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                found.Add(input.ReadBytes().ToByteArray());
            }
            else
            {
                input.SkipLastField();
            }
        }

        return found;
    }
}
