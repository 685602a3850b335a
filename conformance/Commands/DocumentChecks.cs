using System.Globalization;
using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Model;

namespace PauseResume.Conformance.Commands;

/// <summary>
/// What a client reads in a list or details document beyond ids and links: the declaration, the link attributes and
/// the details' values against the couple the kit created or observed. The list's start is documented (LST-1,
/// LST-5); the details document is wholly our inference, so each of its checks is an inferred part of DET-1.
/// </summary>
internal static partial class DocumentChecks
{
    public const string XmlType = "application/xml";

    /// <summary>The vendor's couple directions (the vocabulary of RECORDER-API.md).</summary>
    private static readonly string[] Directions = ["INCOMING", "OUTGOING", "INTERNAL", "UNKNOWN"];

    /// <summary>The documented start of the list: the XML declaration, then links typed <c>application/xml</c>.</summary>
    /// <param name="mediaType">The profile's documentMediaType: what the document is served as.</param>
    public static IEnumerable<Check> OfList(Wire.Exchange answer, IReadOnlyList<Wire.Documents.Listed> listed, string mediaType)
    {
        yield return Check.That("LST-1", Wire.Documents.Declared(answer.Body) == true, "the list opens with the XML declaration (documented start)", "<?xml …?>", Start(answer.Body));
        foreach (var check in Envelope("LST-1", "list", answer, mediaType))
        {
            yield return check with { Neutral = true }; // the items are read whatever the media type: nothing the model holds hangs on it
        }

        foreach (var item in listed.Where(l => l.SelfHref is not null))
        {
            yield return IsXml("LST-5", $"the self link of couple {item.Id} has type=\"application/xml\" (documented start)", item.SelfType);
        }
    }

    /// <summary>
    /// The details of <paramref name="couple"/>: every value the kit knows, by the element names RECORDER-API.md infers.
    /// Nothing the model holds hangs on the document's shape, so a difference already reported here neither ends a
    /// scenario nor hides the setting that explains another failure whose minimal scenario reads details.
    /// </summary>
    /// <param name="document">The details' URL, which a relative link is resolved against.</param>
    public static IEnumerable<Check> OfDetails(Wire.Exchange answer, Uri document, Wire.Documents.Details details, ModelCouple couple, string selfLink, string mediaType) =>
        DetailsChecks(answer, document, details, couple, selfLink, mediaType).Select(check => check with { Neutral = true });

    private static IEnumerable<Check> DetailsChecks(Wire.Exchange answer, Uri document, Wire.Documents.Details details, ModelCouple couple, string selfLink, string mediaType)
    {
        yield return Check.That("DET-1", Wire.Documents.Declared(answer.Body) == true, "the details open with the XML declaration (inferred)", "<?xml …?>", Start(answer.Body)).Inferred();
        foreach (var check in Envelope("DET-1", "details", answer, mediaType))
        {
            yield return check.Inferred();
        }

        yield return Check.That("DET-1", Profiles.KitProfile.PlainIds(Profiles.KitProfile.Comparable(details.SelfHref, document)) == selfLink, "the details carry a self link to themselves (inferred)", selfLink, details.SelfHref ?? "no self link").Inferred();
        foreach (var (rel, type) in details.LinkTypes)
        {
            yield return IsXml("DET-1", $"the details' {rel} link has type=\"application/xml\" (inferred)", type).Inferred();
        }

        if (couple.Known)
        {
            yield return Value(details, "callingNumber", couple.CallingNumber);
            yield return Value(details, "calledNumber", couple.CalledNumber);
        }

        if (couple.CallingIp is not null)
        {
            yield return Value(details, "callingIp", couple.CallingIp);
        }

        if (couple.CalledIp is not null)
        {
            yield return Value(details, "calledIp", couple.CalledIp);
        }

        var direction = details.Values.GetValueOrDefault("direction");
        yield return Check.That("DET-1", direction is not null && Directions.Contains(direction), "the details' <direction> is one of the vendor's directions (inferred)", string.Join("|", Directions), direction ?? "no <direction>").Inferred();
        if (couple.Direction is not null)
        {
            yield return Value(details, "direction", couple.Direction);
        }

        var start = details.Values.GetValueOrDefault("start");
        // An xs:dateTime with its time zone, as a Java server writes one: any fraction of a second or none, and a zone of
        // Z (a server running in UTC) or ±hh:mm. Only a time without its zone is ambiguous.
        var parsed = start is not null && StartPattern().Match(start) is { Success: true } m
            && DateTimeOffset.TryParseExact($"{m.Groups["at"].Value}.{m.Groups["fraction"].Value.TrimStart('.').PadRight(7, '0')[..7]}{(m.Groups["zone"].Value == "Z" ? "+00:00" : m.Groups["zone"].Value)}",
                "yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : (DateTimeOffset?)null;
        yield return Check.That("DET-1", parsed is not null, "the details' <start> is a date and time with its time zone (inferred)", "yyyy-MM-ddTHH:mm:ss[.fff](Z|±hh:mm)", start ?? "no <start>").Inferred();
        if (couple.Start is { } expected && parsed is { } actual)
        {
            // Within the precision written: the simulator writes milliseconds, a server may write whole seconds (a time
            // truncated to what it shows), and the control API may carry finer ticks.
            var precision = StartPattern().Match(start!).Groups["fraction"].Length switch { 0 => TimeSpan.FromSeconds(1), 2 => TimeSpan.FromMilliseconds(100), 3 => TimeSpan.FromMilliseconds(10), _ => TimeSpan.FromMilliseconds(1) };
            yield return Check.That("DET-1", (actual <= expected && expected - actual < precision) || (actual - expected).Duration() < TimeSpan.FromMilliseconds(1), "the details' <start> is when the couple started (inferred)",
                expected.ToString("O", CultureInfo.InvariantCulture), start!).Inferred();
        }
    }

    /// <summary>The body begins with its declaration (no byte-order mark) and is served as application/xml; both inferred.</summary>
    private static IEnumerable<Check> Envelope(string rule, string document, Wire.Exchange answer, string mediaType)
    {
        yield return Check.That(rule, !answer.ByteOrderMark, $"no byte-order mark before the {document} document (inferred)", "no byte-order mark", answer.ByteOrderMark ? "a byte-order mark" : "none").Inferred();
        yield return IsXml(rule, $"the {document} document's media type (documentMediaType={mediaType}, inferred)", answer.ContentType, mediaType).Inferred();
    }

    /// <summary>A media type's name is case-insensitive (RFC 9110), so <c>Application/XML</c> is <c>application/xml</c>.</summary>
    private static Check IsXml(string rule, string what, string? mediaType, string expected = XmlType) =>
        Check.That(rule, string.Equals(mediaType, expected, StringComparison.OrdinalIgnoreCase), what, expected, mediaType ?? "no Content-Type");

    private static Check Value(Wire.Documents.Details details, string element, string expected) =>
        Check.Equal("DET-1", $"the details' <{element}> (inferred)", expected, details.Values.GetValueOrDefault(element)).Inferred();

    private static string Start(string body) => body.Length <= 60 ? body : body[..60] + "…";

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?<at>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?<fraction>\.\d+)?(?<zone>Z|[+-]\d{2}:\d{2})$")]
    private static partial System.Text.RegularExpressions.Regex StartPattern();
}
