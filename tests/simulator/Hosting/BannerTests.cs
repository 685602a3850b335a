using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Hosting;

namespace PauseResume.Simulator.Tests.Hosting;

/// <summary>What the standalone simulator prints once it listens; passwords only to someone on this machine.</summary>
public sealed class BannerTests
{
    [Fact]
    public void On_loopback_the_banner_gives_the_default_accounts_with_their_passwords()
    {
        var banner = Print("http://127.0.0.1:0");

        banner.ShouldContain("admin / admin");
        banner.ShouldNotContain("Warning");
    }

    [Theory]
    [InlineData("http://0.0.0.0:9312", "--allow-remote", "needs no token")]
    [InlineData("http://0.0.0.0:9312", "--control-token", "needs its token")]
    [InlineData("http://[::]:9312", "--no-control", "is off")]
    public void Beyond_loopback_the_banner_warns_and_shows_no_password(string url, string option, string control)
    {
        var banner = Print(url, option == "--control-token" ? [option, "t0k3n"] : [option]);

        banner.ShouldContain("Warning: listening beyond this machine");
        banner.ShouldContain(control);
        banner.ShouldContain("admin: Call List");
        foreach (var user in PauseResume.Simulator.Worlds.DefaultWorld.Users)
        {
            banner.ShouldNotContain($"{user.Login} / {user.Password}", Case.Sensitive, "no password when others can reach the simulator");
        }
    }

    private static string Print(string url, params string[] options)
    {
        var commandLine = CommandLine.Parse(["--urls", url, .. options], FakeRecorder.Epoch, out var error).ShouldNotBeNull(error);
        var output = new StringWriter();

        Banner.Print(output, [url], commandLine, new Recorder(commandLine.World, TimeProvider.System));

        return output.ToString();
    }
}
