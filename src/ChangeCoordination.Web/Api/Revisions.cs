using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace ChangeCoordination.Web.Api;

/// <summary>Revisions travel as strong ETags (<c>"3"</c>) and come back in <c>If-Match</c>.</summary>
public static class Revisions
{
    public static string ETag(int revision) => $"\"{revision.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>Null when If-Match is absent; -1 when it is present but names no revision of ours.</summary>
    public static int? IfMatch(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        if (!EntityTagHeaderValue.TryParse(header.Trim(), out var tag))
        {
            return int.TryParse(header.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var bare) ? bare : -1;
        }

        return int.TryParse(tag.Tag.Value.AsSpan().Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var revision) ? revision : -1;
    }

    public static IResult WithETag(IResult result, int revision, HttpContext context)
    {
        context.Response.Headers.ETag = ETag(revision);
        return result;
    }
}
