using OpenTelemetry.Exporter;

namespace ChangeCoordination.Web.Observability;

/// <summary>The <c>Telemetry</c> configuration section: where metrics and traces go (docs/running.md).</summary>
public sealed class TelemetrySettings
{
    /// <summary>The path Prometheus scrapes, anonymous; empty turns the endpoint off.</summary>
    public string PrometheusPath { get; set; } = "/metrics";

    /// <summary>
    /// An OpenTelemetry collector's OTLP endpoint (<c>http://collector:4317</c> for gRPC, <c>http://collector:4318</c>
    /// for HTTP): traces, metrics and logs are sent there when set. The standard <c>OTEL_EXPORTER_OTLP_*</c> variables
    /// are read too.
    /// </summary>
    public Uri? OtlpEndpoint { get; set; }

    public OtlpExportProtocol OtlpProtocol { get; set; } = OtlpExportProtocol.Grpc;

    /// <summary>How the service names itself in traces and metrics.</summary>
    public string ServiceName { get; set; } = "change-coordination";
}
