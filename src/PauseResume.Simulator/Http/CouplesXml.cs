using System.Globalization;
using System.Text;
using System.Xml;
using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Json;

namespace PauseResume.Simulator.Http;

/// <summary>
/// Writes the list (LST-1, LST-5) and details (DET-1, DET-2) documents. Links are Atom <c>ns2:link</c> elements
/// with absolute hrefs built from the scheme, host and port the client used and the path the simulator is mounted under.
/// A document whose values are all plain is written straight into bytes (<see cref="PlainXml"/>), every other one by the
/// <see cref="XmlWriter"/>; both write the same bytes for the same document, and the XmlWriter stays the reference.
/// </summary>
internal static class CouplesXml
{
    public const string AtomNamespace = "http://www.w3.org/2005/Atom";
    public const string AtomPrefix = "ns2";
    public const string Couples = "couples";
    public const string Link = "link";
    public const string SelfRel = "self";
    public const string PausedStateRel = "pausedState";

    // The declaration exactly as the vendor's documents spell it (upper-case UTF-8, standalone).
    private const string DeclarationData = "version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"";
    private const string Declaration = "<?xml " + DeclarationData + "?>";

    private static readonly XmlWriterSettings Settings = new() { Encoding = new UTF8Encoding(false), Indent = true, IndentChars = "    " };

    /// <summary>
    /// The size of the parts a list is sent in: a list of 500,000 couples is a document of 88 MB, and a client that reads
    /// it slowly (or not at all) held the whole of it, so 24 such clients took the process to 7 GB. Each part goes out
    /// before the next is written; a list that fits in one part is sent whole, with its length.
    /// </summary>
    public const int PartBytes = 64 * 1024;

    /// <summary>The list document (LST-1, LST-5); the self links only where the user may see details.</summary>
    public static byte[] List(IReadOnlyList<ListedCouple> couples, string origin) => Joined(ListParts(couples, origin, int.MaxValue));

    /// <summary>
    /// The list document in parts of at least <paramref name="partBytes"/> each (the last may be shorter), written as
    /// they are asked for, so no more than a part is ever held.
    /// </summary>
    public static IEnumerable<byte[]> ListParts(IReadOnlyList<ListedCouple> couples, string origin, int partBytes) =>
        PlainXml.IsPlain(origin) ? PlainList(couples, origin, partBytes) : ListByXmlWriter(couples, origin, partBytes);

    /// <summary>
    /// The details document (DET-1, DET-2); the pausedState link only with the Pause and Resume Calls permission, and
    /// <c>&lt;paused&gt;</c> only where <paramref name="showPaused"/> (detailsPaused).
    /// </summary>
    public static byte[] Details(CoupleState state, bool mayPause, string origin, bool showPaused = true) =>
        PlainDetails(state, mayPause, origin, showPaused) ?? DetailsByXmlWriter(state, mayPause, origin, showPaused);

    internal static byte[] ListByXmlWriter(IReadOnlyList<ListedCouple> couples, string origin) => Joined(ListByXmlWriter(couples, origin, int.MaxValue));

    private static IEnumerable<byte[]> ListByXmlWriter(IReadOnlyList<ListedCouple> couples, string origin, int partBytes)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, Settings))
        {
            writer.WriteProcessingInstruction("xml", DeclarationData);
            StartRoot(writer);
            foreach (var listed in couples)
            {
                writer.WriteStartElement(Couples);
                WriteIds(writer, listed.Couple);
                if (listed.MaySeeDetails)
                {
                    WriteLink(writer, SelfLink(origin, listed.Couple.Id), SelfRel); // LST-5: only with permission
                }

                writer.WriteEndElement();
                if (partBytes < int.MaxValue)
                {
                    writer.Flush(); // between two couples the writer holds nothing back: the stream has the document so far
                    if (stream.Length >= partBytes)
                    {
                        yield return stream.ToArray();
                        stream.SetLength(0);
                    }
                }
            }

            writer.WriteEndElement();
        }

        yield return stream.ToArray();
    }

    internal static byte[] DetailsByXmlWriter(CoupleState state, bool mayPause, string origin, bool showPaused = true) => Write(writer =>
    {
        var couple = state.Couple;
        StartRoot(writer);
        WriteIds(writer, couple);
        WriteLink(writer, SelfLink(origin, couple.Id), SelfRel);
        if (mayPause)
        {
            WriteLink(writer, SelfLink(origin, couple.Id) + "/" + PausedStateRel, PausedStateRel); // DET-2
        }

        writer.WriteElementString("start", Start(couple));
        // Calls are checked where they enter (CallText); these writes still survive whatever reaches them.
        writer.WriteElementString("callingNumber", CallText.ForXml(couple.CallingNumber));
        writer.WriteElementString("calledNumber", CallText.ForXml(couple.CalledNumber));
        WriteOptional(writer, "callingIp", couple.CallingIp);
        WriteOptional(writer, "calledIp", couple.CalledIp);
        writer.WriteElementString("direction", WireNames.Of(couple.Direction));
        if (showPaused)
        {
            writer.WriteElementString("paused", state.Paused ? "true" : "false");
        }

        writer.WriteEndElement();
    });

    public static string SelfLink(string origin, long coupleId) =>
        $"{origin}{LegacyApi.CouplesPath}/{coupleId.ToString(CultureInfo.InvariantCulture)}";

    private static byte[] Write(Action<XmlWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, Settings))
        {
            writer.WriteProcessingInstruction("xml", DeclarationData);
            body(writer);
        }

        return stream.ToArray();
    }

    private static void StartRoot(XmlWriter writer)
    {
        writer.WriteStartElement(Couples);
        writer.WriteAttributeString("xmlns", AtomPrefix, null, AtomNamespace);
    }

    private static void WriteIds(XmlWriter writer, Couple couple)
    {
        writer.WriteAttributeString("id", couple.Id.ToString(CultureInfo.InvariantCulture));
        writer.WriteAttributeString("callId", couple.CallId.ToString(CultureInfo.InvariantCulture));
    }

    private static void WriteLink(XmlWriter writer, string href, string rel)
    {
        writer.WriteStartElement(AtomPrefix, Link, AtomNamespace);
        writer.WriteAttributeString("type", Replies.XmlContentType);
        writer.WriteAttributeString("href", href);
        writer.WriteAttributeString("rel", rel);
        writer.WriteEndElement();
    }

    private static void WriteOptional(XmlWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteElementString(name, CallText.ForXml(value));
        }
    }

    private static string Start(Couple couple) => couple.Start.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    private static IEnumerable<byte[]> PlainList(IReadOnlyList<ListedCouple> couples, string origin, int partBytes)
    {
        using var xml = StartPlainRoot();
        if (couples.Count == 0)
        {
            yield return xml.Raw(" />").ToArray();
            yield break;
        }

        xml.Raw(">");
        foreach (var listed in couples)
        {
            PlainIds(xml.Line(1).Raw("<").Raw(Couples), listed.Couple);
            if (listed.MaySeeDetails)
            {
                PlainLink(xml.Raw(">").Line(2), origin, listed.Couple.Id, null, SelfRel).Line(1).Raw("</").Raw(Couples).Raw(">"); // LST-5
            }
            else
            {
                xml.Raw(" />");
            }

            if (xml.Length >= partBytes)
            {
                yield return xml.ToArray();
                xml.Clear();
            }
        }

        yield return xml.Line(0).Raw("</").Raw(Couples).Raw(">").ToArray();
    }

    private static byte[] Joined(IEnumerable<byte[]> parts)
    {
        using var whole = new MemoryStream();
        foreach (var part in parts)
        {
            whole.Write(part);
        }

        return whole.ToArray();
    }

    // Null when a value is not plain: the XmlWriter writes that document.
    private static byte[]? PlainDetails(CoupleState state, bool mayPause, string origin, bool showPaused)
    {
        var couple = state.Couple;
        var start = Start(couple);
        var direction = WireNames.Of(couple.Direction);
        if (!PlainXml.IsPlain(origin) || !PlainXml.IsPlain(couple.CallingNumber) || !PlainXml.IsPlain(couple.CalledNumber)
            || (couple.CallingIp is not null && !PlainXml.IsPlain(couple.CallingIp)) || (couple.CalledIp is not null && !PlainXml.IsPlain(couple.CalledIp))
            || !PlainXml.IsPlain(start) || !PlainXml.IsPlain(direction))
        {
            return null;
        }

        using var xml = StartPlainRoot();
        PlainIds(xml, couple).Raw(">");
        PlainLink(xml.Line(1), origin, couple.Id, null, SelfRel);
        if (mayPause)
        {
            PlainLink(xml.Line(1), origin, couple.Id, "/" + PausedStateRel, PausedStateRel); // DET-2
        }

        PlainElement(xml, "start", start);
        PlainElement(xml, "callingNumber", couple.CallingNumber);
        PlainElement(xml, "calledNumber", couple.CalledNumber);
        PlainElement(xml, "callingIp", couple.CallingIp);
        PlainElement(xml, "calledIp", couple.CalledIp);
        PlainElement(xml, "direction", direction);
        if (showPaused)
        {
            PlainElement(xml, "paused", state.Paused ? "true" : "false");
        }

        return xml.Line(0).Raw("</").Raw(Couples).Raw(">").ToArray();
    }

    private static PlainXml StartPlainRoot() =>
        new PlainXml().Raw(Declaration).Line(0).Raw("<").Raw(Couples).Raw(" xmlns:").Raw(AtomPrefix).Raw("=\"").Raw(AtomNamespace).Raw("\"");

    private static PlainXml PlainIds(PlainXml xml, Couple couple) =>
        xml.Raw(" id=\"").Number(couple.Id).Raw("\" callId=\"").Number(couple.CallId).Raw("\"");

    private static PlainXml PlainLink(PlainXml xml, string origin, long coupleId, string? tail, string rel) =>
        xml.Raw("<").Raw(AtomPrefix).Raw(":").Raw(Link).Raw(" type=\"").Raw(Replies.XmlContentType).Raw("\" href=\"")
            .Raw(origin).Raw(LegacyApi.CouplesPath).Raw("/").Number(coupleId).Raw(tail ?? string.Empty).Raw("\" rel=\"").Raw(rel).Raw("\" />");

    private static void PlainElement(PlainXml xml, string name, string? value)
    {
        if (value is not null)
        {
            xml.Line(1).Raw("<").Raw(name).Raw(">").Raw(value).Raw("</").Raw(name).Raw(">");
        }
    }
}
