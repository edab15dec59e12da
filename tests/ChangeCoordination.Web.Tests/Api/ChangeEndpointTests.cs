using System.Net;
using System.Text.Json;
using ChangeCoordination.Web.Tests.Infrastructure;

namespace ChangeCoordination.Web.Tests.Api;

public sealed class ChangeEndpointTests(CalendarAppFactory app) : IClassFixture<CalendarAppFactory>
{
    [Fact]
    public async Task Notifying_a_change_answers_201_with_Location_ETag_and_the_derived_values()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var date = TestDates.Next();
        var body = Bodies.Change(date, "BusinessCritical", hours: 4);

        using var response = await supplier.SendJsonAsync(HttpMethod.Post, "/api/v1/changes", body);

        var change = await response.ExpectAsync(HttpStatusCode.Created);
        var reference = change.Reference();
        Assert.StartsWith("CHG-", reference, StringComparison.Ordinal);
        Assert.Equal($"/api/v1/changes/{reference}", response.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal("Supplier A", change.Text("organisation"));
        Assert.Equal("Planned", change.Text("kind"));
        Assert.Equal("BusinessCritical", change.Text("type"));
        Assert.Equal(London.At(date, 10), change.GetProperty("start").GetDateTimeOffset());
        Assert.Equal(London.At(date, 14), change.GetProperty("end").GetDateTimeOffset());
        Assert.Equal(240, change.GetProperty("durationMinutes").GetInt32());
        Assert.Equal("Medium", change.Text("complexity"));
        Assert.Equal("Major", change.Text("impact"));
        Assert.Equal(JsonValueKind.Null, change.GetProperty("probability").ValueKind);
        Assert.Equal(JsonValueKind.Null, change.GetProperty("risk").ValueKind);
        Assert.Equal("Green", change.GetProperty("riskRange").Text("lowest"));
        Assert.Equal("Red", change.GetProperty("riskRange").Text("highest"));
        Assert.Equal("AwaitingAssessment", change.Text("status"));
        Assert.Equal(1, change.Revision());
        Assert.Equal(app.Clock.GetUtcNow(), change.GetProperty("notifiedAt").GetDateTimeOffset());
        Assert.Equal("Head-end system release", change.Text("description"));
        Assert.Empty(change.GetProperty("deviceCombinations").EnumerateArray());
        Assert.Equal(JsonValueKind.Number, change.GetProperty("leadTimeWorkingDays").ValueKind);
        Assert.Equal(JsonValueKind.False, change.GetProperty("lateNotice").ValueKind);
    }

    [Fact]
    public async Task A_created_change_reads_back_with_its_revision_as_the_ETag()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var created = await supplier.NotifyAsync(Bodies.Change(TestDates.Next(), "Firmware"));

        using var response = await supplier.GetAsync(new Uri($"/api/v1/changes/{created.Reference()}", UriKind.Relative));

        var read = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal(created.ToString(), read.ToString());
        var devices = Assert.Single(read.GetProperty("deviceCombinations").EnumerateArray());
        Assert.Equal("ESME", Assert.Single(devices.GetProperty("devices").EnumerateArray()).GetString());
        Assert.Equal("SMETS2", devices.Text("smets"));
        Assert.Equal("Acme", devices.Text("manufacturer"));
    }

    [Theory]
    [InlineData("UserSystem", 179, "Small", "Minor", "Green", "Green")]
    [InlineData("UserSystem", 180, "Medium", "Moderate", "Green", "Amber")]
    [InlineData("UserSystem", 360, "Medium", "Moderate", "Green", "Amber")]
    [InlineData("UserSystem", 361, "Large", "Major", "Green", "Red")]
    [InlineData("Firmware", 60, "Small", "Moderate", "Green", "Amber")]
    [InlineData("Firmware", 480, "Large", "Moderate", "Green", "Amber")]
    [InlineData("BusinessCritical", 60, "Small", "Major", "Green", "Red")]
    [InlineData("BusinessCritical", 420, "Large", "Major", "Green", "Red")]
    public async Task Complexity_impact_and_risk_range_follow_the_window_and_type(string type, int minutes, string complexity, string impact, string lowest, string highest)
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);

        var change = await supplier.NotifyAsync(Bodies.Change(TestDates.Next(), type, hours: minutes / 60.0, startHour: 9));

        Assert.Equal(minutes, change.GetProperty("durationMinutes").GetInt32());
        Assert.Equal(complexity, change.Text("complexity"));
        Assert.Equal(impact, change.Text("impact"));
        Assert.Equal(lowest, change.GetProperty("riskRange").Text("lowest"));
        Assert.Equal(highest, change.GetProperty("riskRange").Text("highest"));
        if (lowest == highest)
        {
            Assert.Equal(lowest, change.Text("risk"));
        }
        else
        {
            Assert.Equal(JsonValueKind.Null, change.GetProperty("risk").ValueKind);
        }
    }

    [Theory]
    [InlineData("SMETS1")]
    [InlineData("SMETS2")]
    public async Task Every_device_type_and_SMETS_generation_of_the_domain_is_accepted(string smets)
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        string[] devices = ["ESME", "GSME", "CommsHub", "GPF", "PPMID", "IHD", "HCALCS", "Type2"];
        var body = Bodies.Change(TestDates.Next(), "Firmware");
        body["deviceCombinations"] = new[] { new { devices, smets } };

        var change = await supplier.NotifyAsync(body);

        var combination = Assert.Single(change.GetProperty("deviceCombinations").EnumerateArray());
        Assert.Equal(smets, combination.Text("smets"));
        Assert.Equal(devices.Order(StringComparer.Ordinal), combination.GetProperty("devices").EnumerateArray().Select(d => d.GetString()!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_window_across_the_clock_change_is_measured_in_real_hours()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var body = Bodies.Change(new DateOnly(2027, 10, 31));
        body["start"] = "2027-10-31T00:30:00+01:00";
        body["end"] = "2027-10-31T02:30:00+00:00";

        var change = await supplier.NotifyAsync(body);

        Assert.Equal(180, change.GetProperty("durationMinutes").GetInt32());
        Assert.Equal("Medium", change.Text("complexity"));
        Assert.Equal("Moderate", change.Text("impact"));
    }

    [Fact]
    public async Task An_unplanned_change_may_omit_description_and_devices()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var body = Bodies.Change(new DateOnly(2026, 12, 10), "Firmware", kind: "Unplanned", description: null);
        body.Remove("description");
        body.Remove("deviceCombinations");

        var change = await supplier.NotifyAsync(body);

        Assert.Equal("Unplanned", change.Text("kind"));
        Assert.Equal(JsonValueKind.Null, change.GetProperty("description").ValueKind);
        Assert.Empty(change.GetProperty("deviceCombinations").EnumerateArray());
        Assert.Equal(JsonValueKind.False, change.GetProperty("lateNotice").ValueKind);
    }

    [Fact]
    public async Task An_update_answers_200_with_the_next_revision_as_the_ETag()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var date = TestDates.Next();
        var created = await supplier.NotifyAsync(Bodies.Change(date));
        var body = Bodies.Change(date, description: "Head-end system release, now with rollback plan");

        using var response = await supplier.SendJsonAsync(HttpMethod.Put, $"/api/v1/changes/{created.Reference()}", body, ifMatch: 1);

        var updated = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("\"2\"", response.Headers.ETag?.Tag);
        Assert.Equal(2, updated.Revision());
        Assert.Equal("Head-end system release, now with rollback plan", updated.Text("description"));
        var read = await supplier.GetJsonAsync($"/api/v1/changes/{created.Reference()}");
        Assert.Equal(updated.ToString(), read.ToString());
    }

    [Fact]
    public async Task Every_write_makes_a_revision_listed_oldest_first()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var date = TestDates.Next();
        var created = await supplier.NotifyAsync(Bodies.Change(date, "BusinessCritical"));
        var reference = created.Reference();
        await supplier.UpdateAsync(reference, 1, Bodies.Change(date, "BusinessCritical", description: "Second thoughts"));
        await assessor.AssessAsync(reference, 2, "Likely");
        using var cancelled = await supplier.SendJsonAsync(HttpMethod.Post, $"/api/v1/changes/{reference}/cancel", new { reason = "Postponed" }, ifMatch: 3);
        await cancelled.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("\"4\"", cancelled.Headers.ETag?.Tag);

        var revisions = (await supplier.GetJsonAsync($"/api/v1/changes/{reference}/revisions")).EnumerateArray().ToList();

        Assert.Equal([1, 2, 3, 4], revisions.Select(r => r.Revision()));
        Assert.Equal(["Notified", "Updated", "Assessed", "Cancelled"], revisions.Select(r => r.Text("action")));
        Assert.Equal([DemoUsers.SupplierA, DemoUsers.SupplierA, DemoUsers.Assessor, DemoUsers.SupplierA], revisions.Select(r => r.Text("by")));
        Assert.Equal(["AwaitingAssessment", "AwaitingAssessment", "Assessed", "Cancelled"], revisions.Select(r => r.GetProperty("change").Text("status")));
        Assert.Equal(["Head-end system release", "Second thoughts", "Second thoughts", "Second thoughts"], revisions.Select(r => r.GetProperty("change").Text("description")));
        Assert.Equal([1, 2, 3, 4], revisions.Select(r => r.GetProperty("change").Revision()));
        Assert.Equal("Likely", revisions[2].GetProperty("change").Text("probability"));
        Assert.Equal("Amber", revisions[2].GetProperty("change").Text("risk"));
    }

    [Theory]
    [InlineData("type")]
    [InlineData("window")]
    [InlineData("devices")]
    public async Task A_change_of_type_window_or_devices_reopens_the_assessment(string what)
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var date = TestDates.Next();
        var created = await supplier.NotifyAsync(Bodies.Change(date, "Firmware"));
        var assessed = await assessor.AssessAsync(created.Reference(), 1, "HighlyLikely");
        Assert.Equal("Assessed", assessed.Text("status"));
        var body = Bodies.Change(date, "Firmware");
        switch (what)
        {
            case "type":
                body["type"] = "BusinessCritical";
                break;
            case "window":
                body["end"] = London.Text(London.At(date, 13));
                break;
            default:
                body["deviceCombinations"] = Bodies.Devices("ESME", "CommsHub");
                break;
        }

        var updated = await supplier.UpdateAsync(created.Reference(), 2, body);

        Assert.Equal("AwaitingAssessment", updated.Text("status"));
        Assert.Equal(JsonValueKind.Null, updated.GetProperty("probability").ValueKind);
        Assert.Equal(JsonValueKind.Null, updated.GetProperty("risk").ValueKind);
        Assert.Equal(3, updated.Revision());
        var queue = await assessor.GetJsonAsync("/api/v1/assessment-queue");
        Assert.Contains(queue.EnumerateArray(), c => c.Reference() == created.Reference());
        var day = await supplier.HeatmapDayAsync("user", date);
        Assert.Equal("Green", day.Text("status"));
        Assert.Equal(1, day.GetProperty("unassessedCount").GetInt32());
    }

    [Fact]
    public async Task A_description_only_edit_keeps_the_assessment()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var date = TestDates.Next();
        var created = await supplier.NotifyAsync(Bodies.Change(date, "Firmware"));
        await assessor.AssessAsync(created.Reference(), 1, "Likely");

        var updated = await supplier.UpdateAsync(created.Reference(), 2, Bodies.Change(date, "Firmware", description: "Only the wording changes"));

        Assert.Equal("Assessed", updated.Text("status"));
        Assert.Equal("Likely", updated.Text("probability"));
        Assert.Equal("Amber", updated.Text("risk"));
        Assert.Equal(3, updated.Revision());
        Assert.Equal("Only the wording changes", updated.Text("description"));
        var queue = await assessor.GetJsonAsync("/api/v1/assessment-queue");
        Assert.DoesNotContain(queue.EnumerateArray(), c => c.Reference() == created.Reference());
        Assert.Equal("Amber", (await supplier.HeatmapDayAsync("user", date)).Text("status"));
    }

    [Fact]
    public async Task Moving_a_window_recomputes_the_day_it_left_and_the_day_it_moved_to()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var first = TestDates.Next();
        var second = TestDates.Next();
        var created = await supplier.NotifyAsync(Bodies.Change(first, "BusinessCritical"));

        await supplier.UpdateAsync(created.Reference(), 1, Bodies.Change(second, "BusinessCritical"));

        var left = await supplier.HeatmapDayAsync("overall", first);
        Assert.Equal("White", left.Text("status"));
        Assert.Equal(0, left.GetProperty("changeCount").GetInt32());
        var moved = await supplier.HeatmapDayAsync("overall", second);
        Assert.Equal("Green", moved.Text("status"));
        Assert.Equal("Red", moved.Text("provisionalStatus"));
    }

    [Fact]
    public async Task Cancelling_answers_200_with_the_cancelled_change_and_its_day_turns_White()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var date = TestDates.Next();
        var created = await supplier.NotifyAsync(Bodies.Change(date, "BusinessCritical"));

        using var response = await supplier.SendJsonAsync(HttpMethod.Post, $"/api/v1/changes/{created.Reference()}/cancel", null);

        var cancelled = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("\"2\"", response.Headers.ETag?.Tag);
        Assert.Equal("Cancelled", cancelled.Text("status"));
        Assert.Equal(2, cancelled.Revision());
        var day = await supplier.HeatmapDayAsync("overall", date);
        Assert.Equal("White", day.Text("status"));
        Assert.Equal("White", day.Text("provisionalStatus"));
        Assert.Equal(0, day.GetProperty("changeCount").GetInt32());
        var queue = await assessor.GetJsonAsync("/api/v1/assessment-queue");
        Assert.DoesNotContain(queue.EnumerateArray(), c => c.Reference() == created.Reference());
    }

    [Fact]
    public async Task The_list_filters_by_date_range_and_status()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var first = TestDates.NextRange(3);
        var awaiting = await supplier.NotifyAsync(Bodies.Change(first));
        var assessed = await supplier.NotifyAsync(Bodies.Change(first.AddDays(1), "Firmware"));
        await assessor.AssessAsync(assessed.Reference(), 1, "Unlikely");
        var later = await supplier.NotifyAsync(Bodies.Change(first.AddDays(2)));
        var from = TestDates.Iso(first);
        var to = TestDates.Iso(first.AddDays(1));

        var inRange = await supplier.GetJsonAsync($"/api/v1/changes?from={from}&to={to}");
        var assessedOnly = await supplier.GetJsonAsync($"/api/v1/changes?from={from}&to={TestDates.Iso(first.AddDays(2))}&status=Assessed");

        Assert.Equal([awaiting.Reference(), assessed.Reference()], inRange.EnumerateArray().Select(c => c.Reference()));
        Assert.Equal([assessed.Reference()], assessedOnly.EnumerateArray().Select(c => c.Reference()));
        Assert.DoesNotContain(inRange.EnumerateArray(), c => c.Reference() == later.Reference());
    }

    [Theory]
    [InlineData("2026-12-02", 0, true)]
    [InlineData("2026-12-03", 1, true)]
    [InlineData("2026-12-29", 17, true)]
    [InlineData("2026-12-31", 19, true)]
    [InlineData("2027-01-01", 20, false)]
    [InlineData("2027-01-04", 20, false)]
    [InlineData("2027-01-05", 21, false)]
    public async Task Lead_time_counts_working_days_strictly_between_notice_and_start_without_bank_holidays(string start, int workingDays, bool late)
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierB);

        var change = await supplier.NotifyAsync(Bodies.Change(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), startHour: 13));

        Assert.Equal(workingDays, change.GetProperty("leadTimeWorkingDays").GetInt32());
        Assert.Equal(late, change.GetProperty("lateNotice").GetBoolean());
    }

    [Fact]
    public async Task A_late_unplanned_change_is_not_flagged_late()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierB);

        var change = await supplier.NotifyAsync(Bodies.Change(new DateOnly(2026, 12, 3), kind: "Unplanned", startHour: 15));

        Assert.Equal(1, change.GetProperty("leadTimeWorkingDays").GetInt32());
        Assert.False(change.GetProperty("lateNotice").GetBoolean());
    }
}
