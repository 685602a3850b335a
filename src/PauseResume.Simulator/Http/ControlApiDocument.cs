using System.Globalization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace PauseResume.Simulator.Http;

/// <summary>
/// The control API's OpenAPI document, served at <c>/simulator/openapi.json</c> beside the API it describes. It is a
/// document of its own name, so a host's own OpenAPI documents neither list the simulator nor are listed by it.
/// </summary>
internal static class ControlApiDocument
{
    public const string Name = "simulator";
    public const string Path = "/openapi.json";

    public static IServiceCollection AddControlApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(Name, options =>
        {
            options.ShouldInclude = description => description.GroupName == Name;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "PauseResume simulator control API",
                    Version = "1",
                    Description = "Arranges and inspects the simulated recorder: calls, users, profile, reset, request log, client audit. "
                                  + "Errors are one line of plain text saying why.",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer(async (operation, context, cancellationToken) =>
            {
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<JsonBody>().FirstOrDefault() is { } body)
                {
                    var schema = await context.GetOrCreateSchemaAsync(body.Type, null, cancellationToken).ConfigureAwait(false);
                    operation.RequestBody = new OpenApiRequestBody
                    {
                        Required = body.Type != typeof(Json.WorldJson), // an empty reset returns to the start world
                        Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
                    };
                }
            });
        });

    public static async Task<IResult> Serve([FromKeyedServices(Name)] IOpenApiDocumentProvider provider, CancellationToken cancellationToken)
    {
        var document = await provider.GetOpenApiDocumentAsync(cancellationToken).ConfigureAwait(false);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        document.SerializeAsV31(new OpenApiJsonWriter(text));
        return Results.Text(text.ToString(), "application/json");
    }
}
