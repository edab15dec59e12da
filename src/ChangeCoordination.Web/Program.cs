using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Features.Access;
using ChangeCoordination.Web.Features.Assessment;
using ChangeCoordination.Web.Features.Audit;
using ChangeCoordination.Web.Features.Backups;
using ChangeCoordination.Web.Features.Calendar;
using ChangeCoordination.Web.Features.Causes;
using ChangeCoordination.Web.Features.Changes;
using ChangeCoordination.Web.Features.Days;
using ChangeCoordination.Web.Features.Feeds;
using ChangeCoordination.Web.Features.Freeze;
using ChangeCoordination.Web.Features.Heatmap;
using ChangeCoordination.Web.Features.InternalChanges;
using ChangeCoordination.Web.Features.Methodologies;
using ChangeCoordination.Web.Features.Notifications;
using ChangeCoordination.Web.Features.Operations;
using ChangeCoordination.Web.Features.Records;
using ChangeCoordination.Web.Features.Retention;
using ChangeCoordination.Web.Features.Reviews;
using ChangeCoordination.Web.Features.Support;
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

// One line per feature folder, alphabetical, except the features with hosted services: those come last, in the order
// their services have always started (the host starts them in registration order and stops them in reverse).
builder.AddAccessFeature();
builder.AddAssessmentFeature();
builder.AddAuditFeature();
builder.AddIncidentsFeature();
builder.AddChangesFeature();
builder.AddDaysFeature();
builder.AddFeedsFeature();
builder.AddFreezeFeature();
builder.AddInternalChangesFeature();
builder.AddOperationsFeature();
builder.AddRecordsFeature();
builder.AddNotificationsFeature();
builder.AddSupportFeature();
builder.AddRetentionFeature();
builder.AddMethodologiesFeature();
builder.AddReviews();
builder.AddBackups();

builder.AddChangeCoordinationTelemetry();

var app = builder.Build();

await app.InitialiseDatabaseAsync();
app.UseChangeCoordinationPipeline();
app.MapIdentityEndpoints();
app.MapChangeCoordinationApi();
app.MapChangeCoordinationUi();

// One line per feature folder, alphabetical.
app.MapAccessEndpoints();
app.MapAssessmentEndpoints();
app.MapAuditEndpoints();
app.MapBackupEndpoints();
app.MapBankHolidayEndpoints();
app.MapIncidentEndpoints();
app.MapChangeEndpoints();
app.MapDayEndpoints();
app.MapCalendarFeedEndpoints();
app.MapFreezeWindowEndpoints();
app.MapHeatmapEndpoints();
app.MapInternalChangeEndpoints();
app.MapMethodologyEndpoints();
app.MapNotificationEndpoints();
app.MapOperationsEndpoints();
app.MapRecordEndpoints();
app.MapReviewEndpoints();
app.MapSupportEndpoints();

app.MapChangeCoordinationTelemetry();

await app.RunAsync();

/// <summary>The entry point, visible to <c>WebApplicationFactory</c> in the tests.</summary>
public partial class Program;
