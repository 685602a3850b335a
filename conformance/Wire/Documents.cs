using System.Xml;
using System.Xml.Linq;

namespace PauseResume.Conformance.Wire;

/// <summary>The kit's own reading of the list and details documents: Atom links by local name (LST-5).</summary>
internal static class Documents
{
    [ThreadStatic]
    private static string? lastBody;

    [ThreadStatic]
    private static XDocument? lastDocument;

    public sealed record Listed(long Id, long CallId, string? SelfHref)
    {
        /// <summary>The self link's <c>type</c> attribute (the documented list shows <c>application/xml</c>).</summary>
        public string? SelfType { get; init; }
    }

    /// <summary>The details as read: id and call id are null where the root lacks them (their names are inferred).</summary>
    public sealed record Details(string Root, long? Id, long? CallId, string? SelfHref, string? PausedStateHref, string? Paused, IReadOnlyList<string> ElementNames)
    {
        /// <summary>The text of each element other than a link, by local name (the first of a name).</summary>
        public IReadOnlyDictionary<string, string> Values { get; init; } = new Dictionary<string, string>();

        /// <summary>The <c>type</c> attribute of each link, by its rel.</summary>
        public IReadOnlyDictionary<string, string?> LinkTypes { get; init; } = new Dictionary<string, string?>();
    }

    /// <summary>Whether a list answer holds the couple (LST-1: it is in progress); null where the answer is no list served (a refusal tells nothing).</summary>
    public static bool? Holds(Exchange list, long coupleId) =>
        list.Status == 200 && List(list.Body) is { } items ? items.Any(item => item.Id == coupleId) : null;

    public static IReadOnlyList<Listed>? List(string xml)
    {
        var root = Parse(xml);
        if (root is null || root.Name.LocalName != "couples")
        {
            return null;
        }

        var listed = new List<Listed>();
        foreach (var couple in root.Elements().Where(e => e.Name.LocalName == "couples"))
        {
            if (!long.TryParse((string?)couple.Attribute("id"), out var id) || !long.TryParse((string?)couple.Attribute("callId"), out var callId))
            {
                return null;
            }

            listed.Add(new Listed(id, callId, Href(couple, "self")) { SelfType = Link(couple, "self")?.Attribute("type")?.Value });
        }

        return listed;
    }

    /// <summary>
    /// Any XML document is read (DET-1 documents no more); the pausedState link is found by its rel or, since its rel
    /// is our inference, by an href ending in /pausedState (the path DET-2 documents).
    /// </summary>
    public static Details? Of(string xml)
    {
        var root = Parse(xml);
        if (root is null)
        {
            return null;
        }

        var pausedState = Href(root, "pausedState")
            ?? root.Elements().Where(e => e.Name.LocalName == "link").Select(e => e.Attribute("href")?.Value).FirstOrDefault(h => h?.EndsWith("/pausedState", StringComparison.Ordinal) == true);
        return new Details(
            root.Name.LocalName,
            long.TryParse((string?)root.Attribute("id"), out var id) ? id : null,
            long.TryParse((string?)root.Attribute("callId"), out var callId) ? callId : null,
            Href(root, "self"), pausedState,
            root.Elements().FirstOrDefault(e => e.Name.LocalName == "paused")?.Value,
            root.Elements().Where(e => e.Name.LocalName != "link").Select(e => e.Name.LocalName).ToList())
        {
            Values = root.Elements().Where(e => e.Name.LocalName != "link").GroupBy(e => e.Name.LocalName).ToDictionary(g => g.Key, g => g.First().Value),
            LinkTypes = root.Elements().Where(e => e.Name.LocalName == "link" && e.Attribute("rel") is not null)
                .GroupBy(e => e.Attribute("rel")!.Value).ToDictionary(g => g.Key, g => g.First().Attribute("type")?.Value),
        };
    }

    /// <summary>Each listed couple's call, as the list shows it (a couple listed twice: its first item).</summary>
    public static IReadOnlyDictionary<long, long> CallsOf(IEnumerable<Listed> listed) =>
        listed.DistinctBy(item => item.Id).ToDictionary(item => item.Id, item => item.CallId);

    /// <summary>Whether a body that is an XML document opens with an XML declaration (null: no XML document at all).</summary>
    public static bool? Declared(string body) => Document(body) is { } document ? document.Declaration is not null : null;

    /// <summary>
    /// A body's shape: an XML document's element and attribute names, nested, without values; other bodies by their
    /// kind. What "the same document" means when the probe and --compare set two servers side by side. Siblings are
    /// taken in any order: no rule fixes the order of the listed couples (a recorder may list its newest first), nor of
    /// the elements of an item, and a client that finds them by name does not see it.
    /// </summary>
    public static string Shape(string body) => Parse(body) is { } root ? "XML " + Element(root) : body.Length == 0 ? "empty body" : "a text body";

    /// <summary>
    /// The names of the elements <paramref name="body"/>'s root holds beyond <paramref name="other"/>'s, where that is all
    /// the two shapes differ in (the same root, and every child of the other's, shape for shape, among its own); null
    /// otherwise, or where either is no XML document.
    /// </summary>
    public static IReadOnlyList<string>? ElementsBeyond(string body, string other)
    {
        if (Parse(body) is not { } root || Parse(other) is not { } otherRoot || Head(root) != Head(otherRoot))
        {
            return null;
        }

        var extra = root.Elements().Select(e => (Shape: Element(e), Name: e.Name.LocalName)).ToList();
        foreach (var shape in otherRoot.Elements().Select(Element))
        {
            var at = extra.FindIndex(e => e.Shape == shape);
            if (at < 0)
            {
                return null;
            }

            extra.RemoveAt(at);
        }

        return extra.Count == 0 ? null : [.. extra.Select(e => e.Name).Distinct().Order(StringComparer.Ordinal)];
    }

    private static string Element(XElement e) =>
        Head(e) + (e.HasElements ? "(" + string.Join(",", e.Elements().Select(Element).Order(StringComparer.Ordinal)) + ")" : string.Empty);

    /// <summary>An element's name and its attributes' names: <c>couples[callId id]</c>.</summary>
    private static string Head(XElement e) =>
        e.Name.LocalName + "[" + string.Join(" ", e.Attributes().Where(a => !a.IsNamespaceDeclaration).Select(a => a.Name.LocalName).Order(StringComparer.Ordinal)) + "]";

    private static XElement? Parse(string xml) => Document(xml)?.Root;

    /// <summary>
    /// The body parsed, or null when it is no XML document. A command reads its answer's document and then its
    /// declaration: the last body parsed on this thread is kept (by reference: the same answer), so it is parsed once.
    /// Nothing changes a parsed document.
    /// </summary>
    private static XDocument? Document(string xml)
    {
        if (ReferenceEquals(xml, lastBody))
        {
            return lastDocument;
        }

        XDocument? document;
        try
        {
            document = XDocument.Parse(xml);
        }
        catch (XmlException)
        {
            document = null;
        }

        (lastBody, lastDocument) = (xml, document);
        return document;
    }

    private static string? Href(XElement element, string rel) => Link(element, rel)?.Attribute("href")?.Value;

    private static XElement? Link(XElement element, string rel) =>
        element.Elements().FirstOrDefault(e => e.Name.LocalName == "link" && (string?)e.Attribute("rel") == rel);
}
