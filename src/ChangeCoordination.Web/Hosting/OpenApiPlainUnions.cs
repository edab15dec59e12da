using Microsoft.AspNetCore.OpenApi;

namespace ChangeCoordination.Web.Hosting;

/// <summary>
/// A type whose derived types are written as themselves, with no discriminator (such as a day's
/// <see cref="Features.Changes.DayChange"/>, whose window-only form is <c>{ start, end }</c> and nothing more), is
/// documented as <c>anyOf</c> its shapes alone. The generator would also name a <c>$type</c> discriminator property
/// that the answers never carry.
/// </summary>
public static class OpenApiPlainUnions
{
    public static void Add(OpenApiOptions options) => options.AddSchemaTransformer((schema, context, _) =>
    {
        if (context.JsonTypeInfo.PolymorphismOptions is { DerivedTypes.Count: > 0 } polymorphism
            && polymorphism.DerivedTypes.All(derived => derived.TypeDiscriminator is null))
        {
            schema.Discriminator = null;
        }

        return Task.CompletedTask;
    });
}
