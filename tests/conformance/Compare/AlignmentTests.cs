using PauseResume.Conformance.Compare;
using PauseResume.Conformance.Wire;

namespace PauseResume.Conformance.Tests.Compare;

/// <summary>How --compare lines up the recorder's transcript with the simulator's (<see cref="Comparison.FirstDifference"/>).</summary>
public sealed class AlignmentTests
{
    private static Exchange Get(int slot, string path, int status) =>
        new(slot, "GET", path, null, null, status, "application/xml", new Dictionary<string, string>(), string.Empty);

    private static Exchange Login(int slot) =>
        new(slot, "POST", "/callrec/loginAction.do", null, "login=a&password=b", 200, "text/html", new Dictionary<string, string>(), "<html/>");

    /// <summary>
    /// The kit's own read on the recorder's side (slot A's list, to tell an ended couple) followed by the scenario's next
    /// step on the same path from another slot: the read is passed over, and C's answers are compared with each other.
    /// </summary>
    [Fact]
    public void A_read_of_the_recorders_side_alone_is_passed_over_where_another_slot_sends_the_same_path_next()
    {
        List<Exchange> recorder = [Login(0), Get(0, "/callrec/restful/couples.xml/24203", 404), Get(0, "/callrec/restful/couples.xml", 200), Get(2, "/callrec/restful/couples.xml", 403)];
        List<Exchange> simulator = [Login(0), Get(0, "/callrec/restful/couples.xml/1005", 404), Get(2, "/callrec/restful/couples.xml", 403)];

        Comparison.FirstDifference(recorder, simulator, false, false).ShouldBeNull();
    }

    [Fact]
    public void A_read_of_the_simulators_side_alone_is_a_difference()
    {
        List<Exchange> recorder = [Login(0), Get(2, "/callrec/restful/couples.xml", 403)];
        List<Exchange> simulator = [Login(0), Get(0, "/callrec/restful/couples.xml", 200), Get(2, "/callrec/restful/couples.xml", 403)];

        Comparison.FirstDifference(recorder, simulator, false, false).ShouldBe((1, 1));
    }

    /// <summary>SES-3: a login redirected without a body has no type a client reads; one side's text/html is no difference.</summary>
    [Fact]
    public void A_redirect_without_a_body_is_the_same_whatever_content_type_it_names()
    {
        static Exchange Redirect(string? type) => new(0, "POST", "/callrec/loginAction.do", null, "login=a&password=b", 302, type, new Dictionary<string, string>(), string.Empty);

        Comparison.FirstDifference([Redirect("text/html")], [Redirect(null)], false, false).ShouldBeNull();
        Comparison.FirstDifference([Login(0)], [Redirect(null)], false, false).ShouldBe((0, 0), "a page against a redirect stays a difference");
    }

    [Fact]
    public void The_same_request_answered_otherwise_is_a_difference()
    {
        List<Exchange> recorder = [Login(0), Get(0, "/callrec/restful/couples.xml", 200)];
        List<Exchange> simulator = [Login(0), Get(0, "/callrec/restful/couples.xml", 403)];

        Comparison.FirstDifference(recorder, simulator, false, false).ShouldBe((1, 1));
    }
}
