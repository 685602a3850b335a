using System.Text;
using System.Xml.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Http;

namespace PauseResume.Simulator.Tests.Http;

public sealed class CouplesXmlTests
{
    // Texts a client or a world can put in a document: plain ones, and every kind the XmlWriter escapes, replaces or
    // writes as more than one byte (markup characters, quotes, white space, control characters, non-ASCII, surrogates).
    private static readonly Gen<string> Texts = Gen.OneOf(
        Gen.Elements("5551234", "10.0.0.5", "fe80::1", "http://myserver", "https://h:8443/recorder", "+420 1", string.Empty),
        Gen.Elements('1', '0', 'a', '.', ':', '/', '&', '<', '>', '"', '\'', ' ', '\t', '\n', '\r', '\u0001', 'é', '\u20ac', '\ud83d', '\ude00', '\uffff', '~', '\u007f')
            .ListOf().Select(c => new string([.. c])));

    // An origin is the scheme, host and port a request came with: never a character XML cannot carry (that is CallText's
    // concern for the calls only), but every one the XmlWriter escapes.
    private static readonly Gen<string> Origins = Gen.OneOf(
        Gen.Elements("http://myserver", "https://h:8443/recorder", "http://[::1]:5000", string.Empty),
        Gen.Elements('h', ':', '/', '1', '&', '<', '>', '"', '\'', ' ', '\t', '\n', '\r', 'é', '\u20ac', '~', '\u007f').ListOf().Select(c => new string([.. c])));

    private static readonly Gen<Couple> Couples =
        from id in Gen.Choose(1, int.MaxValue)
        from callId in Gen.Choose(0, int.MaxValue)
        from minutes in Gen.Choose(-14 * 60, 14 * 60)
        from calling in Texts
        from called in Texts
        from callingIp in Gen.OneOf(Gen.Constant<string?>(null), Texts.Select(t => (string?)t))
        from calledIp in Gen.OneOf(Gen.Constant<string?>(null), Texts.Select(t => (string?)t))
        from direction in Gen.Elements(Enum.GetValues<Direction>())
        select new Couple(id * 3L, callId, new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.FromMinutes(minutes)).AddMilliseconds(id % 1000),
            calling, called, callingIp, calledIp, direction, CoupleType.Normal);

    [Fact]
    public void The_details_writer_survives_a_couple_whose_texts_XML_cannot_carry()
    {
        // Calls are refused at the door (CallText), but a Couple record can be built by anyone: the writer must
        // still answer a well-formed document, not throw (issue 8: details of such a couple were a 500 for everyone).
        var couple = new Couple(24197, 24142, DateTimeOffset.UnixEpoch, "5551\u00011234", "10\ud80012", "10.0.0.5\u0000", "\uffff", Direction.Incoming, CoupleType.Normal);

        var document = XDocument.Parse(Encoding.UTF8.GetString(CouplesXml.Details(new CoupleState(couple, [], null), mayPause: true, "http://recorder")));

        document.Root!.Element("callingNumber")!.Value.ShouldBe("5551\uFFFD1234", "DET-1");
        document.Root.Element("calledNumber")!.Value.ShouldBe("10\uFFFD12", "DET-1");
        document.Root.Element("callingIp")!.Value.ShouldBe("10.0.0.5\uFFFD", "DET-1");
        document.Root.Element("calledIp")!.Value.ShouldBe("\uFFFD", "DET-1");
    }

    [Property]
    public Property The_list_written_straight_into_bytes_is_the_XmlWriters_byte_for_byte() =>
        Prop.ForAll(Couples.Zip(Gen.Elements(true, false)).ListOf().ToArbitrary(), Origins.ToArbitrary(), (couples, origin) =>
        {
            var listed = couples.Select(c => new ListedCouple(c.Item1, c.Item2)).ToList();
            return CouplesXml.List(listed, origin).AsSpan().SequenceEqual(CouplesXml.ListByXmlWriter(listed, origin));
        }).Label("LST-1, LST-5: one document, whichever writer wrote it");

    [Property]
    public Property The_list_in_parts_joined_is_the_list_whatever_the_part_size_and_writer() =>
        Prop.ForAll(Couples.Zip(Gen.Elements(true, false)).ListOf().ToArbitrary(), Origins.ToArbitrary(), Gen.Choose(1, 2000).ToArbitrary(), (couples, origin, partBytes) =>
        {
            var listed = couples.Select(c => new ListedCouple(c.Item1, c.Item2)).ToList();
            var parts = CouplesXml.ListParts(listed, origin, partBytes).ToList();
            return parts.SelectMany(part => part).SequenceEqual(CouplesXml.List(listed, origin))
                && parts.SkipLast(1).All(part => part.Length >= partBytes);
        }).Label("LST-1: a list sent in parts is the same document, each part but the last at least the part size");

    [Property]
    public Property The_details_written_straight_into_bytes_are_the_XmlWriters_byte_for_byte() =>
        Prop.ForAll(Couples.ToArbitrary(), Gen.Elements(true, false).ToArbitrary(), Origins.ToArbitrary(), (couple, paused, origin) =>
        {
            var state = new CoupleState(couple, paused ? [new PauseInterval(couple.Start, "admin", "session")] : [], null);
            return CouplesXml.Details(state, couple.Id % 2 == 0, origin).AsSpan().SequenceEqual(CouplesXml.DetailsByXmlWriter(state, couple.Id % 2 == 0, origin));
        }).Label("DET-1, DET-2: one document, whichever writer wrote it");
}
