namespace ChangeCoordination.Web.Api;

/// <summary>Field errors gathered while validating one request: each names the field and says how to fix it.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool Any => errors.Count > 0;

    public int Count => errors.Values.Sum(messages => messages.Count);

    public bool Has(string field) => errors.ContainsKey(field);

    public void Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var messages))
        {
            errors[field] = messages = [];
        }

        messages.Add(message);
    }

    /// <summary>Copies another set of errors under a prefix, such as "rows[3]".</summary>
    public void AddAll(string prefix, FieldErrors other)
    {
        foreach (var (field, messages) in other.errors)
        {
            foreach (var message in messages)
            {
                Add($"{prefix}.{field}", message);
            }
        }
    }

    public IDictionary<string, string[]> ToDictionary() => errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public IResult ToProblem() => Results.ValidationProblem(ToDictionary(), title: "The request has invalid fields: nothing was changed.");
}

/// <summary>The non-validation problems the API answers, as RFC 9457 problem details.</summary>
public static class Problems
{
    public static IResult NotFound(string what) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"There is no {what} with this reference that you may see.");

    public static IResult StaleRevision(int current) =>
        Results.Problem(
            statusCode: StatusCodes.Status412PreconditionFailed,
            title: "The change was updated since you read it",
            detail: $"If-Match names an older revision; the change is now at revision {current}. Read it again, reapply your edit and send If-Match: \"{current}\". Nothing was changed.");

    public static IResult MissingIfMatch() =>
        Results.Problem(
            statusCode: StatusCodes.Status428PreconditionRequired,
            title: "If-Match is required",
            detail: "Send the revision you read as If-Match: \"<revision>\" (the ETag of the GET), so that no one else's update is overwritten. Nothing was changed.");

    /// <summary>410: the change was disposed of under the retention rule; its tombstone says when.</summary>
    public static IResult Disposed(string reference, DateTimeOffset disposedAt) =>
        Results.Problem(
            statusCode: StatusCodes.Status410Gone,
            title: "Disposed of",
            detail: $"{reference} was disposed of on {disposedAt.UtcDateTime:yyyy-MM-dd}, seven years after it was archived: only its reference and this date are kept.",
            extensions: new Dictionary<string, object?> { ["disposedAt"] = disposedAt });

    public static IResult Conflict(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "This cannot be done to the change as it stands", detail: detail);
}
