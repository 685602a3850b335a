using PauseResume.Conformance.Wire;

namespace PauseResume.Conformance.Tests.Wire;

/// <summary>SES-4: a cookie's Expires read as browsers read it (RFC 6265, 5.1.1), so a deletion by a date in the past is one in every form a server writes.</summary>
public sealed class CookieDateTests
{
    [Theory]
    [InlineData("Thu, 01 Jan 1970 00:00:10 GMT")]
    [InlineData("Thu, 01-Jan-1970 00:00:10 GMT")]
    [InlineData("Thursday, 01-Jan-70 00:00:10 GMT")]
    [InlineData("Thu Jan  1 00:00:10 1970")]
    [InlineData("Fri, 01-Jan-1970 00:00:10 UTC")]
    [InlineData("01 Jan 1970 00:00:10")]
    public void Every_form_a_server_writes_reads_as_the_same_moment(string text)
    {
        CookieDate.Parse(text).ShouldBe(new DateTimeOffset(1970, 1, 1, 0, 0, 10, TimeSpan.Zero));
    }

    [Theory]
    [InlineData("Wed, 09 Jun 2021 10:18:14 GMT", 2021, 6, 9)]
    [InlineData("Sun, 06-Nov-94 08:49:37 GMT", 1994, 11, 6)]
    [InlineData("Tue, 31 Dec 2069 23:59:59 GMT", 2069, 12, 31)]
    public void A_date_reads_as_its_day(string text, int year, int month, int day)
    {
        var read = CookieDate.Parse(text).ShouldNotBeNull();
        (read.Year, read.Month, read.Day).ShouldBe((year, month, day));
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("31 Feb 2020 00:00:00")]
    [InlineData("01 Jan 1970")]
    [InlineData("01 Foo 1970 00:00:10")]
    public void Text_that_is_no_date_reads_as_none(string text)
    {
        CookieDate.Parse(text).ShouldBeNull();
    }
}
