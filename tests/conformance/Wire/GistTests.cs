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

    /// <summary>
    /// A CSRF token of 40 hex digits (a SHA-1) is a token, not a session id and eight digits more: any run of 32 hex
    /// digits was taken for a session id, the 8 left over differed from login to login, and a recorder that keeps SES-3
    /// was called broken.
    /// </summary>
    [Theory]
    [InlineData("3f9c2a7be41d08c6a5f3e2b1d0c9a8b7e6f5d4c3", "a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9")]
    [InlineData("3F9C2A7BE41D08C6A5F3E2B1D0C9A8B7E6F5D4C3", "A0B1C2D3E4F5A6B7C8D9E0F1A2B3C4D5E6F7A8BF")]
    public void SES_3_Two_logins_whose_pages_carry_40_hex_digit_tokens_agree(string first, string second) =>
        Exchange.GistsAgree(Login(first, "JSESSIONID=0123456789ABCDEF0123456789ABCDEF"), Login(second, "JSESSIONID=FEDCBA9876543210FEDCBA9876543210")).ShouldBeTrue("SES-3: the tokens are per request");

    /// <summary>A session id the login set, shown in its page (with or without its route), is no difference; the token beside it is one only to the shape.</summary>
    [Fact]
    public void SES_3_The_session_id_a_login_set_is_blanked_wherever_its_page_shows_it()
    {
        var first = new Exchange(0, "POST", "/callrec/loginAction.do", "conformance=1", null, 200, "text/html", new Dictionary<string, string> { ["Set-Cookie"] = "JSESSIONID=0123456789ABCDEF0123456789ABCDEF.rec1; Path=/callrec" }, "<a href=\"main.do?s=0123456789ABCDEF0123456789ABCDEF\">go</a> 0123456789ABCDEF0123456789ABCDEF.rec1");
        var second = first with { Headers = new Dictionary<string, string> { ["Set-Cookie"] = "JSESSIONID=FEDCBA9876543210FEDCBA9876543210.rec1; Path=/callrec" }, Body = "<a href=\"main.do?s=FEDCBA9876543210FEDCBA9876543210\">go</a> FEDCBA9876543210FEDCBA9876543210.rec1" };

        first.Shape.ShouldBe(second.Shape, "the session ids are blanked, so the pages are the same page");
        var token = first with { Body = first.Body + " 3f9c2a7be41d08c6a5f3e2b1d0c9a8b7" };
        var other = second with { Body = second.Body + " a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5" };
        token.Shape.ShouldNotBe(other.Shape, "a 32-digit token that is no session id of the exchange is no session id: the pages differ (loginPage=token)");
        Exchange.GistsAgree(token.Gist, other.Gist).ShouldBeTrue("SES-3: tokens aside they agree");
    }

    private static string Login(string token, string setCookie) =>
        new Exchange(0, "POST", "/callrec/loginAction.do", "conformance=1", null, 200, "text/html", new Dictionary<string, string> { ["Set-Cookie"] = setCookie + "; Path=/callrec" }, $"<form><input type=\"hidden\" name=\"_csrf\" value=\"{token}\"/></form>").Gist;

    [Fact]
    public void SES_3_Text_around_the_tokens_must_be_the_same() =>
        Exchange.GistsAgree(Page("QXIAkdjeWpqLmZnRtyUvbNcA") + " wrong password", Page("fFfuPLmnbVcxZaQwErTyUiOp")).ShouldBeFalse("SES-3: the message differs");
}
