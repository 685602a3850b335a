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

    [Theory]
    [InlineData(new string[0], "Clock: real; traffic: off")]
    [InlineData(new[] { "--clock", "scaled:60", "--traffic", "600,seed=7" }, "Clock: scaled x60; traffic: 600 calls/hour from seed 7")]
    [InlineData(new[] { "--clock", "manual" }, "Clock: manual; traffic: off")]
    public void The_banner_says_how_the_clock_runs_and_whether_traffic_does(string[] options, string line)
    {
        Print("http://127.0.0.1:0", options).ShouldContain(line);
    }

    [Fact]
    public void A_world_files_profile_name_and_logins_cannot_drive_the_operators_terminal()
    {
        // Arrange: a profile named with escape sequences, and a login with a character that reorders text on a screen
        var world = Path.GetTempFileName();
        File.WriteAllText(world, """{"profile":{"name":"evil\u001b[31mRED\u001b]0;owned\u0007"},"users":[{"login":"ann\u202Egnp.exe","password":"x"}]}""");
        try
        {
            // Act
            var banner = Print("http://127.0.0.1:0", "--world", world);

            // Assert
            banner.ShouldNotContain("\u001b", Case.Sensitive);
            banner.ShouldNotContain("\u0007", Case.Sensitive);
            banner.ShouldNotContain("\u202E", Case.Sensitive);
            banner.ShouldContain("evil\\u001B[31mRED", Case.Sensitive, "written as an escape");
        }
        finally
        {
            File.Delete(world);
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
