using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Metadata;

namespace ChangeCoordination.Web.Api;

/// <summary>
/// The one place where a request that the framework cannot bind to an endpoint's typed parameters (a query value
/// that is not a number, a body of the wrong JSON type, a missing form field) becomes a problem that names the
/// parameter and says how to fix it, instead of a 500 (the framework throws) or a bare 400 with no word of why.
/// A query value with a control character is refused here too, before any endpoint binds it.
/// </summary>
/// <remarks>
/// The framework says which parameter failed only in the exception's message, so the message is read; the name is
/// then looked up among the handler's parameters, so that a name the message does not carry is never reported.
/// </remarks>
public sealed partial class BindingFailures(RequestDelegate next)
{
    private const int MaxEchoed = 40;

    /// <summary>Makes the framework throw on every binding failure, in every environment, so that this class sees them all.</summary>
    public static void ThrowOnEveryFailure(RouteHandlerOptions options) => options.ThrowOnBadRequest = true;

    public async Task InvokeAsync(HttpContext context)
    {
        // No parameter of this API takes a control character, and a NUL is text PostgreSQL cannot even compare.
        if (context.Request.Query.FirstOrDefault(q => q.Value.Any(v => v is not null && v.Any(char.IsControl))) is { Key: { } key })
        {
            var errors = new FieldErrors();
            errors.Add(key, $"'{key}' contains control characters: remove them.");
            await errors.ToProblem().ExecuteAsync(context);
            return;
        }

        try
        {
            await next(context);
        }
        catch (BadHttpRequestException exception) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            await ProblemFor(context, exception).ExecuteAsync(context);
        }
    }

    private static IResult ProblemFor(HttpContext context, BadHttpRequestException exception)
    {
        if (exception.StatusCode != StatusCodes.Status400BadRequest)
        {
            return Results.Problem(statusCode: exception.StatusCode, title: "The request could not be read", detail: exception.Message);
        }

        if (exception.Message.StartsWith("Invalid anti-forgery token", StringComparison.Ordinal))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The form has expired", detail: "Reload the page and send the form again.");
        }

        var errors = new FieldErrors();
        if (exception.InnerException is JsonException json)
        {
            var (field, message) = JsonBody.Describe(json);
            errors.Add(field, message);
        }
        else if (ImplicitBody().IsMatch(exception.Message))
        {
            errors.Add("$", "The body is empty: send a JSON object.");
        }
        else if (BindFailed().Match(exception.Message) is { Success: true } failed && ParameterOf(context, failed.Groups["name"].Value) is { } parameter)
        {
            var value = failed.Groups["value"].Value;
            var echoed = value.Length > MaxEchoed ? value[..MaxEchoed] + "..." : value;
            errors.Add(RequestName(parameter), $"'{echoed}' is not a valid {RequestName(parameter)}: give {Expected(parameter.ParameterType)}.");
        }
        else if (NotProvided().Match(exception.Message) is { Success: true } missing && ParameterOf(context, missing.Groups["name"].Value) is { } required)
        {
            errors.Add(RequestName(required), $"'{RequestName(required)}' is required: give {Expected(required.ParameterType)}.");
        }
        else
        {
            errors.Add("$", "The request could not be read: see the API documentation at /openapi/v1.json for what this route takes.");
        }

        return errors.ToProblem();
    }

    private static ParameterInfo? ParameterOf(HttpContext context, string name) =>
        context.GetEndpoint()?.Metadata.GetMetadata<MethodInfo>()?.GetParameters().FirstOrDefault(p => p.Name == name);

    /// <summary>The name the caller sends, which an attribute may set apart from the handler's parameter name.</summary>
    private static string RequestName(ParameterInfo parameter) =>
        parameter.GetCustomAttributes().Select(a => a switch
        {
            IFromQueryMetadata query => query.Name,
            IFromRouteMetadata route => route.Name,
            IFromFormMetadata form => form.Name,
            IFromHeaderMetadata header => header.Name,
            _ => null,
        }).FirstOrDefault(n => !string.IsNullOrEmpty(n)) ?? parameter.Name!;

    private static string Expected(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying switch
        {
            _ when underlying == typeof(int) => $"a whole number in ASCII digits from {int.MinValue} to {int.MaxValue}",
            _ when underlying == typeof(long) => $"a whole number in ASCII digits from {long.MinValue} to {long.MaxValue}",
            _ when underlying == typeof(bool) => "true or false",
            _ when underlying == typeof(DateOnly) => "a date as YYYY-MM-DD",
            _ when underlying == typeof(DateTimeOffset) => "a date and time with its offset, for example 2026-12-08T20:00:00+00:00",
            _ when underlying.IsEnum => $"one of {string.Join(", ", Enum.GetNames(underlying))}",
            _ => "a value as the API documentation at /openapi/v1.json describes",
        };
    }

    [GeneratedRegex("^Failed to bind parameter \"(?<type>[^\"]*) (?<name>[^\" ]+)\" from \"(?<value>.*)\"\\.$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex BindFailed();

    [GeneratedRegex("^Required parameter \"(?<type>[^\"]*) (?<name>[^\" ]+)\" was not provided", RegexOptions.CultureInvariant)]
    private static partial Regex NotProvided();

    [GeneratedRegex("^Implicit body inferred for parameter", RegexOptions.CultureInvariant)]
    private static partial Regex ImplicitBody();
}
