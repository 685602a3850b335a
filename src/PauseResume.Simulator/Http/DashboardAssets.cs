using System.Collections.Frozen;

namespace PauseResume.Simulator.Http;

/// <summary>
/// The dashboard's page, style sheet and script, embedded in this library: the page works offline and loads nothing
/// from elsewhere (its Content-Security-Policy says so to the browser too).
/// </summary>
internal static class DashboardAssets
{
    public const string Page = "index.html";

    /// <summary>Only this origin: a page that tried to load a script or style from a CDN would be refused by the browser.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Page] = "text/html; charset=utf-8",
        ["dashboard.css"] = "text/css; charset=utf-8",
        ["dashboard.js"] = "text/javascript; charset=utf-8",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, byte[]> Contents = ContentTypes.Keys.ToFrozenDictionary(name => name, Read, StringComparer.Ordinal);

    /// <summary>The asset's bytes and content type, or null when the dashboard has no asset of that name.</summary>
    public static (byte[] Content, string ContentType)? Find(string name) =>
        Contents.TryGetValue(name, out var content) ? (content, ContentTypes[name]) : null;

    private static byte[] Read(string name)
    {
        using var stream = typeof(DashboardAssets).Assembly.GetManifestResourceStream("dashboard/" + name)
                           ?? throw new InvalidOperationException($"the dashboard asset {name} is not embedded in the library");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
