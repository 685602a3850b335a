using PauseResume.Simulator.Faults;

namespace PauseResume.Simulator.Tests.Faults;

/// <summary>The <c>path</c> scope of a fault: <c>*</c> any run of characters, <c>?</c> one, the rest literal, any case.</summary>
public sealed class PathGlobTests
{
    [Theory]
    [InlineData("/callrec/*", "/callrec/restful/couples.xml", true)]
    [InlineData("/callrec/*/pausedState", "/callrec/restful/couples.xml/24197/pausedState", true)]
    [InlineData("/CALLREC/*", "/callrec/loginAction.do", true)]
    [InlineData("/callrec/?oginAction.do", "/callrec/loginAction.do", true)]
    [InlineData("/callrec/*/pausedState", "/callrec/restful/couples.xml", false)]
    [InlineData("/a*", "/a*x", true)]
    [InlineData("/a*x", "/a*yx", true)]
    [InlineData("/a*b*c", "/a**b**c", true)]
    [InlineData("/a", "/ab", false)]
    public void A_glob_matches_the_paths_it_describes_and_no_other(string glob, string path, bool matches)
    {
        PathGlob.Matches(glob, path).ShouldBe(matches, $"'{glob}' against '{path}'");
    }

    [Fact]
    public void A_long_glob_of_many_stars_is_matched_without_backtracking_blowing_up()
    {
        var glob = "/" + string.Concat(Enumerable.Repeat("*a", 500)) + "b";
        var path = "/" + new string('a', 5000);

        PathGlob.Matches(glob, path).ShouldBeFalse("no 'b' in the path");
    }
}
