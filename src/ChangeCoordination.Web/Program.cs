using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Features.Assessment;
using ChangeCoordination.Web.Features.Backups;
using ChangeCoordination.Web.Features.Causes;
using ChangeCoordination.Web.Features.Records;
using ChangeCoordination.Web.Hosting;
using ChangeCoordination.Web.Identity;
using ChangeCoordination.Web.Live;
using ChangeCoordination.Web.Observability;

var builder = WebApplication.CreateBuilder(args);

builder.AddChangeCoordinationData();
builder.AddChangeCoordinationLive();
builder.AddChangeCoordinationIdentity();
builder.AddChangeCoordinationApi();
builder.AddChangeCoordinationUi();
builder.AddChangeCoordinationRateLimits();
builder.AddAssessmentFeature();
builder.AddBackups();
builder.AddIncidentsFeature();
builder.AddRecordsFeature();
builder.AddChangeCoordinationTelemetry();

var app = builder.Build();

await app.InitialiseDatabaseAsync();
app.UseChangeCoordinationPipeline();
app.MapIdentityEndpoints();
app.MapChangeCoordinationApi();
app.MapChangeCoordinationUi();
app.MapAssessmentEndpoints();
app.MapBackupEndpoints();
app.MapIncidentEndpoints();
app.MapRecordEndpoints();
app.MapChangeCoordinationTelemetry();

await app.RunAsync();

/// <summary>The entry point, visible to <c>WebApplicationFactory</c> in the tests.</summary>
public partial class Program;
