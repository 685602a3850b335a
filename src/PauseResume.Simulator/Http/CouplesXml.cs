using System.Globalization;
using System.Text;
using System.Xml;
using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Json;

namespace PauseResume.Simulator.Http;

/// <summary>
/// Writes the list (LST-1, LST-5) and details (DET-1, DET-2) documents. Links are Atom <c>ns2:link</c> elements
/// with absolute hrefs built from the scheme, host and port the client used and the path the simulator is mounted under.
/// </summary>
internal static class CouplesXml
{
    public const string AtomNamespace = "http://www.w3.org/2005/Atom";
    public const string AtomPrefix = "ns2";
    public const string Couples = "couples";
    public const string Link = "link";
    public const string SelfRel = "self";
    public const string PausedStateRel = "pausedState";

    private static readonly XmlWriterSettings Settings = new() { Encoding = new UTF8Encoding(false), Indent = true, IndentChars = "    " };

    public static byte[] List(IReadOnlyList<ListedCouple> couples, string origin) => Write(writer =>
    {
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
        }

        writer.WriteEndElement();
    });

    public static byte[] Details(CoupleState state, bool mayPause, string origin) => Write(writer =>
    {
        var couple = state.Couple;
        StartRoot(writer);
        WriteIds(writer, couple);
        WriteLink(writer, SelfLink(origin, couple.Id), SelfRel);
        if (mayPause)
        {
            WriteLink(writer, SelfLink(origin, couple.Id) + "/" + PausedStateRel, PausedStateRel); // DET-2
        }

        writer.WriteElementString("start", couple.Start.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture));
        // Calls are checked where they enter (CallText); these writes still survive whatever reaches them.
        writer.WriteElementString("callingNumber", CallText.ForXml(couple.CallingNumber));
        writer.WriteElementString("calledNumber", CallText.ForXml(couple.CalledNumber));
        WriteOptional(writer, "callingIp", couple.CallingIp);
        WriteOptional(writer, "calledIp", couple.CalledIp);
        writer.WriteElementString("direction", WireNames.Of(couple.Direction));
        writer.WriteElementString("paused", state.Paused ? "true" : "false");
        writer.WriteEndElement();
    });

    public static string SelfLink(string origin, long coupleId) =>
        $"{origin}{LegacyApi.CouplesPath}/{coupleId.ToString(CultureInfo.InvariantCulture)}";

    private static byte[] Write(Action<XmlWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, Settings))
        {
            // The declaration exactly as the vendor's documents spell it (upper-case UTF-8, standalone).
            writer.WriteProcessingInstruction("xml", "version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"");
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
}
