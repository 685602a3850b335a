using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace PauseResume.Client;

/// <summary>
/// Reads the recorder's list (LST-1) and details (DET-1) documents. Elements and Atom links are matched by local
/// name (LST-5: the links are really in the Atom namespace, prefix ns2), so a change of prefix breaks nothing.
/// </summary>
internal static class CouplesDocument
{
    private const string Couples = "couples";
    private const string Link = "link";
    private const string Self = "self";
    private const string PausedState = "pausedState";

    /// <param name="baseAddress">The recorder's root as the client was given it.</param>
    /// <param name="document">Where the document came from: a link relative to it (not a path from the root) is resolved against it.</param>
    public static IReadOnlyList<CoupleSummary> ParseList(string xml, Uri baseAddress, Uri document) =>
        Root(xml).Elements().Where(e => e.Name.LocalName == Couples)
            .Select(c => new CoupleSummary(Id(c, "id"), Id(c, "callId"), LinkOf(c, Self, baseAddress, document)))
            .ToList();

    /// <param name="baseAddress">The recorder's root as the client was given it.</param>
    /// <param name="document">Where the document came from: a link relative to it (not a path from the root) is resolved against it.</param>
    public static CoupleDetails ParseDetails(string xml, Uri baseAddress, Uri document)
    {
        var root = Root(xml);
        return new CoupleDetails(
            Id(root, "id"),
            Id(root, "callId"),
            LinkOf(root, Self, baseAddress, document) ?? throw Malformed("the details carry no self link (DET-1)"),
            LinkOf(root, PausedState, baseAddress, document),
            Text(root, "start") is { } start && DateTimeOffset.TryParse(start, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : null,
            Text(root, "callingNumber"),
            Text(root, "calledNumber"),
            Text(root, "callingIp"),
            Text(root, "calledIp"),
            Text(root, "direction"),
            Text(root, "paused") is { } paused ? string.Equals(paused, "true", StringComparison.OrdinalIgnoreCase) : null);
    }

    private static XElement Root(string xml)
    {
        try
        {
            var root = XDocument.Parse(xml).Root!;
            return root.Name.LocalName == Couples ? root : throw Malformed($"the root element is <{root.Name.LocalName}>, not <couples>");
        }
        catch (XmlException e)
        {
            throw new RecorderException(RecorderError.UnexpectedResponse, $"the recorder sent XML that cannot be read: {e.Message}", innerException: e);
        }
    }

    private static long Id(XElement element, string attribute) =>
        long.TryParse((string?)element.Attribute(attribute), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw Malformed($"a <couples> element lacks a numeric {attribute} attribute");

    private static Uri? LinkOf(XElement element, string rel, Uri baseAddress, Uri document)
    {
        var href = element.Elements()
            .FirstOrDefault(e => e.Name.LocalName == Link && (string?)e.Attribute("rel") == rel)
            ?.Attribute("href")?.Value;
        if (href is null)
        {
            return null;
        }

        // A link relative to the document that holds it (couples.xml/24197 in the list, 24197/pausedState in the
        // details) is resolved against that document, as a browser would.
        if (!Uri.TryCreate(document, href, out var uri))
        {
            throw Malformed($"the {rel} link '{href}' is not a URL");
        }

        // LST-5, DET-2: a link written as a path from the recorder's root (linkOrigin=relative), behind a gateway that mounts
        // the recorder under a path, is that path under the root the client was given, unless it already starts there.
        if (href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal) && !href.StartsWith(baseAddress.AbsolutePath, StringComparison.Ordinal))
        {
            return new Uri(baseAddress, href.TrimStart('/'));
        }

        // LST-5, DET-2: a recorder configured with its own name (behind a proxy, linkOrigin) writes links to a host this
        // client may not reach, and its session cookie would not go there: the link's path, which starts at the recorder's
        // root, is followed from the root the client was given (a gateway may mount the recorder under a path).
        return string.Equals(uri.GetLeftPart(UriPartial.Authority), baseAddress.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase)
            ? uri
            : new Uri(baseAddress, uri.PathAndQuery.TrimStart('/'));
    }

    private static string? Text(XElement element, string name) =>
        element.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;

    private static RecorderException Malformed(string what) =>
        new(RecorderError.UnexpectedResponse, $"the recorder's document is not as documented: {what}");
}
