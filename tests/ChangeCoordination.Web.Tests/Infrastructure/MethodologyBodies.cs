using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChangeCoordination.Web.Tests.Infrastructure;

/// <summary>Methodology version bodies and lifecycle steps, starting from the values in force.</summary>
public static class MethodologyBodies
{
    /// <summary>The values of GET /api/v1/methodology with some changed, as a draft body.</summary>
    public static async Task<JsonObject> DraftAsync(HttpClient client, Action<JsonObject>? change = null, string summary = "Large from 8 hours: overnight releases of 7 hours are routine now.")
    {
        var current = JsonNode.Parse((await client.GetJsonAsync("/api/v1/methodology")).GetRawText())!.AsObject();
        var values = new JsonObject();
        foreach (var name in new[] { "mediumFromHours", "largeAboveHours", "impacts", "matrix", "internalScoreRanges", "noticeWorkingDays", "archiveAfterDays" })
        {
            values[name] = current[name]!.DeepClone();
        }

        change?.Invoke(values);
        return new JsonObject { ["summary"] = summary, ["values"] = values };
    }

    public static async Task<JsonElement> CreateDraftAsync(this HttpClient owner, Action<JsonObject>? change = null)
    {
        using var response = await owner.SendJsonAsync(HttpMethod.Post, "/api/v1/methodology/versions", await DraftAsync(owner, change));
        return await response.ExpectAsync(HttpStatusCode.Created);
    }

    public static async Task<JsonElement> StepAsync(this HttpClient owner, JsonElement version, string step, object? body = null)
    {
        using var response = await owner.SendJsonAsync(HttpMethod.Post, $"/api/v1/methodology/versions/{version.Text("version")}/{step}", body, version.Revision());
        return await response.ExpectAsync(HttpStatusCode.OK);
    }

    /// <summary>Draft, consultation and the Panel's approval with an effective date.</summary>
    public static async Task<JsonElement> ApprovedAsync(this HttpClient owner, DateOnly effectiveFrom, Action<JsonObject>? change = null)
    {
        var draft = await owner.CreateDraftAsync(change);
        var consulted = await owner.StepAsync(draft, "consultation");
        return await owner.StepAsync(consulted, "approval", new { panelDecision = "Panel meeting 14 Jan 2027, minute 6", effectiveFrom = TestDates.Iso(effectiveFrom) });
    }
}
