namespace ChangeCoordination.Web.Api;

public enum OutcomeKind { Ok, Created, Invalid, NotFound, Stale, PreconditionRequired, Conflict }

public static class Outcome
{
    public static Outcome<T> Done<T>(T value) => new(OutcomeKind.Ok, value);

    public static Outcome<T> Created<T>(T value) => new(OutcomeKind.Created, value);

    public static Outcome<T> Invalid<T>(FieldErrors errors) => new(OutcomeKind.Invalid, Errors: errors);

    public static Outcome<T> NotFound<T>() => new(OutcomeKind.NotFound);

    public static Outcome<T> Stale<T>(int current) => new(OutcomeKind.Stale, CurrentRevision: current);

    public static Outcome<T> PreconditionRequired<T>() => new(OutcomeKind.PreconditionRequired);

    public static Outcome<T> Conflict<T>(string detail) => new(OutcomeKind.Conflict, Detail: detail);
}

/// <summary>What a write did, for the API and the pages alike: the resource as it now stands, or why nothing changed.</summary>
public sealed record Outcome<T>(OutcomeKind Kind, T? Value = default, FieldErrors? Errors = null, int CurrentRevision = 0, string? Detail = null)
{
    /// <summary>The HTTP answer: 200/201 with the resource and its revision as the ETag, or a problem.</summary>
    public IResult ToResult(HttpContext context, Func<T, int> revision, Func<T, string> location, string what) => Kind switch
    {
        OutcomeKind.Ok => Revisions.WithETag(Results.Ok(Value), revision(Value!), context),
        OutcomeKind.Created => Revisions.WithETag(Results.Created(location(Value!), Value), revision(Value!), context),
        OutcomeKind.Invalid => Errors!.ToProblem(),
        OutcomeKind.Stale => Problems.StaleRevision(CurrentRevision),
        OutcomeKind.PreconditionRequired => Problems.MissingIfMatch(),
        OutcomeKind.Conflict => Problems.Conflict(Detail!),
        _ => Problems.NotFound(what),
    };
}
