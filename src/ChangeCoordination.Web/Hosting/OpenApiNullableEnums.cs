using System.Text.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ChangeCoordination.Web.Hosting;

/// <summary>
/// Keeps null out of the enum schemas that the document shares between properties. The generator lists null in an
/// enum's values when it first meets the enum on a nullable property, and also wraps every nullable property as
/// <c>oneOf: [{type: null}, {$ref}]</c>; with null in both branches a null matches twice and fails <c>oneOf</c>
/// (JSON Schema 2020-12, as OpenAPI 3.1 uses), and properties that may never be null would accept it. The wrapper
/// alone says where null is allowed.
/// </summary>
public static class OpenApiNullableEnums
{
    public static void Add(OpenApiOptions options) => options.AddDocumentTransformer((document, _, _) =>
    {
        foreach (var schema in document.Components?.Schemas?.Values ?? [])
        {
            if (schema.Enum is { Count: > 0 } values)
            {
                foreach (var value in values.Where(v => v is null || v.GetValueKind() == JsonValueKind.Null).ToList())
                {
                    values.Remove(value);
                }
            }
        }

        return Task.CompletedTask;
    });
}
