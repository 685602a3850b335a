using System.Text;
using System.Xml.Linq;
using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Http;

namespace PauseResume.Simulator.Tests.Http;

public sealed class CouplesXmlTests
{
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
}
