using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PauseResume.Simulator.Tests.Support;

/// <summary>Raw JSON calls to the /simulator control API, as a test in another language would make them.</summary>
internal static class Control
{
    public static Task<HttpResponseMessage> PostAsync(HttpClient http, string path, string json) =>
        http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

    public static Task<HttpResponseMessage> PutAsync(HttpClient http, string path, string json) =>
        http.PutAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

    public static async Task<JsonNode> JsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;

    public static Task<JsonElement> GetAsync(HttpClient http, string path) => http.GetFromJsonAsync(path, TestJsonContext.Default.JsonElement, TestContext.Current.CancellationToken);
}
