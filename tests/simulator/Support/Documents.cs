using System.Xml.Linq;

namespace PauseResume.Simulator.Tests.Support;

/// <summary>Reads the list and details documents the way a robust client does: links by local name (LST-5).</summary>
internal static class Documents
{
    public sealed record Listed(long Id, long CallId, string? SelfHref);

    public static async Task<IReadOnlyList<Listed>> ListAsync(HttpResponseMessage response)
    {
        var root = XDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Root!;
        return root.Elements("couples")
            .Select(c => new Listed((long)c.Attribute("id")!, (long)c.Attribute("callId")!, Href(c, "self")))
            .ToList();
    }

    public static async Task<XElement> DetailsAsync(HttpResponseMessage response) =>
        XDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Root!;

    public static string? Href(XElement element, string rel) =>
        element.Elements().FirstOrDefault(e => e.Name.LocalName == "link" && (string?)e.Attribute("rel") == rel)?.Attribute("href")?.Value;
}
