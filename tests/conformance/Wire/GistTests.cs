using PauseResume.Conformance.Wire;

namespace PauseResume.Conformance.Tests.Wire;

/// <summary>
/// SES-3 compares login answers "numbers and tokens aside": a token is noise only where it cannot carry the outcome,
/// so what tells a worked login from a failed one must still count.
/// </summary>
public sealed class GistTests
{
    private static string Page(string value) => $"200 text/html <html><body><input type=\"hidden\" name=\"token\" value=\"{value}\"/></body></html>";

    [Theory]
    [InlineData("QXIAkdjeWpqLmZnRtyUvbNcA", "fFfuPLmnbVcxZaQwErTyUiOp")] // random letters, one length
    [InlineData("qwhdkslaiepfnsmdjrkewqpz", "mznxbcvlaksjdhfgpqowieur")]
    public void SES_3_Two_tokens_of_letters_of_one_length_that_differ_in_most_places_tell_nothing(string first, string second) =>
        Exchange.GistsAgree(Page(first), Page(second)).ShouldBeTrue($"SES-3: '{first}' and '{second}' are per-request tokens");

    [Theory]
    [InlineData("loginFailedPanelVisible", "loginSucceededPanelVisible")] // another length
    [InlineData("statusPanelFailedLogin", "statusPanelPassedLogin")] // one length, a few places
    [InlineData("CallRecLoginFailedMessage", "CallRecLoginWorkedMessage")]
    [InlineData("invalidCredentials", "sessionEstablished")] // one length, different in every place, but words
    public void SES_3_Names_that_say_the_outcome_are_no_tokens(string first, string second) =>
        Exchange.GistsAgree(Page(first), Page(second)).ShouldBeFalse($"SES-3: '{first}' against '{second}' tells the outcome");

    [Fact]
    public void SES_3_A_token_of_letters_against_one_with_a_digit_tells_nothing() =>
        Exchange.GistsAgree(Page("QXIAkdjeWpqLmZnRtyUvbNcA"), Page("<n>")).ShouldBeTrue("SES-3: the second token held a digit, so its gist blanked it");

    [Fact]
    public void SES_3_Text_around_the_tokens_must_be_the_same() =>
        Exchange.GistsAgree(Page("QXIAkdjeWpqLmZnRtyUvbNcA") + " wrong password", Page("fFfuPLmnbVcxZaQwErTyUiOp")).ShouldBeFalse("SES-3: the message differs");
}
