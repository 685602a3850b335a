using System.Text;
using PauseResume.Conformance.Wire;
using PauseResume.Simulator.Http;

namespace PauseResume.Conformance.Tests.Wire;

public sealed class CharsetTests
{
    [Theory]
    [InlineData("UTF8", 65001)]
    [InlineData("utf-8", 65001)]
    [InlineData("\"UTF-8\"", 65001)]
    [InlineData("Cp1252", 1252)]
    [InlineData("windows-1252", 1252)]
    [InlineData("ISO8859_1", 28591)]
    [InlineData("ISO-8859-2", 28592)]
    [InlineData("UnicodeBigUnmarked", 1201)]
    public void A_charset_a_Java_servlet_may_name_is_read_by_its_encoding(string name, int codePage)
    {
        // Act
        var encoding = Charsets.Resolve(name);

        // Assert
        encoding.ShouldNotBeNull($"{name} is a charset a Java servlet may send");
        encoding.CodePage.ShouldBe(codePage, name);
    }

    [Theory]
    [InlineData("x-no-such-charset")]
    [InlineData("")]
    [InlineData("Cp99999")]
    public void A_charset_nobody_knows_is_no_encoding(string name) =>
        Charsets.Resolve(name).ShouldBeNull();

    [Fact]
    public void A_windows_1252_body_reads_as_its_characters()
    {
        // Arrange: "café" in windows-1252, as a servlet answering with charset=Cp1252 sends it
        byte[] bytes = [0x63, 0x61, 0x66, 0xE9];

        // Act
        var text = Charsets.Resolve("Cp1252")!.GetString(bytes);

        // Assert
        text.ShouldBe("caf\u00E9");
    }
}
