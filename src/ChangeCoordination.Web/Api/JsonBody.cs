using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace ChangeCoordination.Web.Api;

/// <summary>
/// Reads a JSON request body so that malformed JSON or a value of the wrong JSON type answers a 400 naming the
/// field, instead of the framework's bare 400.
/// </summary>
public static class JsonBody
{
    public const long MaxBytes = 256 * 1024;

    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, Results.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "The body must be JSON",
                detail: "Send the body as JSON with Content-Type: application/json."));
        }

        if (request.ContentLength > MaxBytes)
        {
            return (null, TooLarge());
        }

        // A streamed body has no Content-Length: the server stops reading it at the same limit.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBytes;
        }

        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, options, request.HttpContext.RequestAborted);
            return value is null ? (null, Error("$", "The body is empty: send a JSON object.")) : (value, null);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge());
        }
        catch (JsonException exception)
        {
            var (field, message) = Describe(exception);
            return (null, Error(field, message));
        }
    }

    /// <summary>The field a deserialisation failure names ("$" for the body as a whole), and what to do about it.</summary>
    public static (string Field, string Message) Describe(JsonException exception)
    {
        // The serializer wraps the reader's syntax errors (a JsonException too); a value of the wrong type has no such inner exception.
        var field = exception.InnerException is JsonException ? "$" : FieldName(exception.Path);
        var message = field == "$"
            ? "The body is not valid JSON: check quotes, commas and brackets."
            : $"'{field}' has a value of the wrong kind: see the API documentation at /openapi/v1.json for its type.";
        return (field, message);
    }

    private static IResult TooLarge() => Results.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "The body is too large",
        detail: $"A request body may be at most {MaxBytes / 1024} KB: shorten the description or split the device combinations.");

    private static IResult Error(string field, string message)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return errors.ToProblem();
    }

    private static string FieldName(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "$" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
}
