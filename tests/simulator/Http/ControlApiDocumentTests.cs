using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Simulator.Tests.Http;

/// <summary>The OpenAPI document at /simulator/openapi.json describes the control API as the endpoints serve it.</summary>
public sealed class ControlApiDocumentTests
{
    private const string DocumentPath = "/simulator/openapi.json";

    [Fact]
    public async Task The_document_lists_every_control_endpoint_and_nothing_else()
    {
        // Arrange
        var cancel = TestContext.Current.CancellationToken;
        await using var app = await StartAsync();
        var mapped = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/simulator/", StringComparison.Ordinal))
            .Where(e => e.RoutePattern.RawText is not ("/simulator/{**rest}" or DocumentPath)) // the catch-all 404 and the document itself
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Order().ToList();

        // Act
        using var document = await DocumentAsync(app.GetTestClient());

        // Assert
        var described = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => $"{operation.Name.ToUpperInvariant()} {path.Name}"))
            .Order().ToList();
        mapped.Count.ShouldBeGreaterThan(10);
        described.ShouldBe(mapped, "every control endpoint is described, and only those");
    }

    [Fact]
    public async Task Every_property_of_a_request_schema_is_one_the_endpoint_reads_and_any_other_is_refused()
    {
        // Arrange
        var cancel = TestContext.Current.CancellationToken;
        await using var app = await StartAsync();
        var http = app.GetTestClient();
        using var document = await DocumentAsync(http);
        var bodies = RequestSchemas(document).ToList();
        bodies.Select(b => $"{b.Method} {b.Path}").ShouldBe(
            ["POST /simulator/calls", "POST /simulator/users", "POST /simulator/reset", "PATCH /simulator/profile", "PUT /simulator/profile",
             "PUT /simulator/clock", "POST /simulator/clock/advance", "PUT /simulator/traffic", "POST /simulator/faults"],
            ignoreOrder: true);
        bodies.Sum(b => b.Properties.Count).ShouldBeGreaterThan(8, "calls, users and worlds are described property by property");

        foreach (var (method, path, properties) in bodies)
        {
            foreach (var property in properties)
            {
                // Act: a value of no type the schema allows, under this name (a list of lists: an object-valued property
                // given an object with a stray member would be refused for that member, not for its own value)
                var (status, reason) = await SendAsync(http, method, path, $"{{\"{property}\": [[]]}}");

                // Assert: the endpoint read this very name and refused its value
                status.ShouldBe(400, $"{method} {path} {property}: {reason}");
                reason.ShouldContain(property, Case.Insensitive, $"{method} {path}: the refusal names the property the schema lists");
                reason.ShouldNotContain("could not be mapped", Case.Insensitive, $"{method} {path}: {property} is a property the endpoint knows");
            }

            var (unknownStatus, unknownReason) = await SendAsync(http, method, path, "{\"notInTheSchema\": \"x\"}");
            unknownStatus.ShouldBe(400, $"{method} {path} takes no property the schema does not list: {unknownReason}");
            unknownReason.ShouldContain("notInTheSchema");
        }
    }

    [Fact]
    public async Task A_described_couple_has_every_property_the_endpoint_writes()
    {
        // Arrange
        var cancel = TestContext.Current.CancellationToken;
        await using var app = await StartAsync();
        var http = app.GetTestClient();
        using var document = await DocumentAsync(http);
        var schema = Resolve(document, document.RootElement.GetProperty("paths").GetProperty("/simulator/calls/{coupleId}").GetProperty("get")
            .GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema"));
        var described = schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToList();

        // Act
        using var couple = JsonDocument.Parse(await http.GetStringAsync($"/simulator/calls/{TestWorlds.AgentsCouple}", cancel));

        // Assert
        var written = couple.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        written.ShouldNotBeEmpty();
        written.Except(described).ShouldBeEmpty("every property GET /simulator/calls/{coupleId} writes is described");
    }

    private static IEnumerable<(string Method, string Path, IReadOnlyList<string> Properties)> RequestSchemas(JsonDocument document)
    {
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                if (!operation.Value.TryGetProperty("requestBody", out var body))
                {
                    continue;
                }

                var schema = Resolve(document, body.GetProperty("content").GetProperty("application/json").GetProperty("schema"));
                IReadOnlyList<string> properties = schema.TryGetProperty("properties", out var named) ? [.. named.EnumerateObject().Select(p => p.Name)] : [];
                yield return (operation.Name.ToUpperInvariant(), path.Name, properties);
            }
        }
    }

    private static JsonElement Resolve(JsonDocument document, JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference)
            ? document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1])
            : schema;

    private static async Task<(int Status, string Reason)> SendAsync(HttpClient http, string method, string path, string json)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private static async Task<JsonDocument> DocumentAsync(HttpClient http)
    {
        using var response = await http.GetAsync(DocumentPath, TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private static async Task<WebApplication> StartAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddRecorderSimulator(simulator => simulator.World = TestWorlds.Small());
        var app = builder.Build();
        app.MapRecorderSimulator();
        await app.StartAsync(TestContext.Current.CancellationToken);
        return app;
    }
}
