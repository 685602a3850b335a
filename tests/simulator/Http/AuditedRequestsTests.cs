using Microsoft.AspNetCore.Http;
using PauseResume.Simulator.Http;

namespace PauseResume.Simulator.Tests.Http;

/// <summary>
/// The client audit keeps up to <see cref="Simulator.Audit.ClientAudit.MaxRequests"/> requests, so each must cost little whatever
/// a client sends (GEN-3): every text it keeps of a request is cut.
/// </summary>
public sealed class AuditedRequestsTests
{
    [Fact]
    public void A_huge_session_cookie_and_a_huge_method_are_kept_cut()
    {
        // Arrange: a request line and a cookie near the limits Kestrel lets through
        var context = new DefaultHttpContext();
        context.Request.Method = new string('M', 8_000);
        context.Request.Path = "/callrec/restful/couples.xml";
        context.Request.Headers.Cookie = "JSESSIONID=" + new string('A', 30_000);

        // Act
        var kept = AuditedRequests.From(context, "/callrec/restful/couples.xml", null, 405, "GEN-2");

        // Assert
        kept.SessionId!.Length.ShouldBeLessThan(150);
        kept.SessionId.ShouldStartWith(new string('A', 100));
        kept.Method.Length.ShouldBeLessThan(100);
    }

    [Fact]
    public void A_session_id_the_simulator_could_issue_is_kept_whole()
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        var id = "0123456789ABCDEF0123456789ABCDEF." + new string('n', 32); // an id with the longest jvmRoute
        context.Request.Headers.Cookie = "JSESSIONID=" + id;

        AuditedRequests.From(context, "/callrec/restful/couples.xml", null, 403, "LST-2").SessionId.ShouldBe(id, "SES-4: the audit ties the request to its session");
    }
}
