using PauseResume.Simulator.Domain;

namespace PauseResume.Simulator.Tests.Domain;

public sealed class CallTextTests
{
    [Theory]
    [InlineData("5551\u00011234")]
    [InlineData("\u0000")]
    [InlineData("10012\u007f")]
    [InlineData("10012\u0085")]
    [InlineData("100 12")]
    [InlineData("10012\u2028")]
    [InlineData("10012\uffff")]
    [InlineData("")]
    [InlineData("12345678901234567890123456789012345678901234567890123456789012345")]
    public void Numbers_and_IPs_with_control_characters_or_what_XML_cannot_carry_are_refused(string text)
    {
        CallText.Problem(text).ShouldNotBeNull($"DET-1: '{text}' cannot be written into the details document");
        Should.Throw<ArgumentException>(() => new NewCall(text, "10012")).Message.ShouldContain("CallingNumber");
        Should.Throw<ArgumentException>(() => new NewCall("10012", "10013", CalledIp: text)).Message.ShouldContain("CalledIp");
    }

    [Theory]
    [InlineData("+420 5551234", false)]
    [InlineData("+4205551234", true)]
    [InlineData("!10012~", true)]
    [InlineData("sip:10012@pbx", true)]
    [InlineData("fe80::1", true)]
    [InlineData("\U0001F4DE", true)]
    public void Printable_text_without_white_space_is_a_number(string text, bool accepted) =>
        (CallText.Problem(text) is null).ShouldBe(accepted, $"DET-1: '{text}'");

    [Fact]
    public void Code_cannot_slip_a_bad_number_or_an_undefined_enum_past_the_checks()
    {
        var call = new NewCall("5551234", "10012");

        CallText.Problem("10\ud80012").ShouldNotBeNull("DET-1: an unpaired surrogate (written here: attribute data cannot carry one)");
        Should.Throw<ArgumentException>(() => call with { CalledNumber = "1\u00012" });
        Should.Throw<ArgumentOutOfRangeException>(() => call with { Direction = (Direction)3 | (Direction)4 });
        Should.Throw<ArgumentOutOfRangeException>(() => call with { Type = (CoupleType)99 });
        Should.Throw<ArgumentOutOfRangeException>(() => call with { CallId = 0 });
    }

    [Fact]
    public void For_XML_every_character_a_document_cannot_carry_becomes_a_replacement_character()
    {
        CallText.ForXml("1\u00012\ud8003\uffff4\U0001F4DE").ShouldBe("1\uFFFD2\uFFFD3\uFFFD4\U0001F4DE");
        CallText.ForXml("10012").ShouldBe("10012");
    }
}
