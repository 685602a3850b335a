using PauseResume.Conformance.Cli;
using PauseResume.Conformance.Commands;
using PauseResume.Conformance.Scenarios;

namespace PauseResume.Conformance.Tests.Targets;

/// <summary>
/// SES-3's failed logins on a real recorder: a recorder with a lockout policy would lock the integrator's accounts
/// after a few wrong passwords, so unless the user allows it they go to a login that does not exist.
/// </summary>
public sealed class RealAccountsTests
{
    private static List<LoginCommand> FailingLogins(Capabilities can) =>
        Enumerable.Range(0, 300)
            .SelectMany(run => ScenarioGen.Sample(ScenarioGen.Scenario(can, null, 30), 7, run, 30).Steps.OfType<LoginCommand>())
            .Where(l => l.Password is PasswordKind.Wrong or PasswordKind.Missing)
            .ToList();

    [Fact]
    public void On_a_real_recorder_wrong_and_missing_passwords_go_to_a_login_that_does_not_exist()
    {
        // Act
        var logins = FailingLogins(new Capabilities(Control: false, Clock: false, Pause: true));

        // Assert
        logins.ShouldNotBeEmpty("SES-3 is still checked with failed logins");
        logins.ShouldAllBe(l => l.User == -1, "SES-3: no wrong or missing password goes to a real account");
    }

    [Fact]
    public void With_wrong_passwords_allowed_they_go_to_the_accounts_too()
    {
        // Act
        var logins = FailingLogins(new Capabilities(Control: false, Clock: false, Pause: true, WrongPasswords: true));

        // Assert
        logins.ShouldContain(l => l.User >= 0, "SES-3: with --wrong-passwords a real account gets a wrong password");
    }

    [Fact]
    public void The_wrong_passwords_flag_is_read_and_kept_for_a_replay()
    {
        // Act
        var options = KitOptions.Parse(["--target", "http://127.0.0.1:9", "--account", "a:b:list", "--wrong-passwords"], 1, out var error);

        // Assert
        error.ShouldBeNull();
        options!.WrongPasswords.ShouldBeTrue();
        options.ReplayArgs.ShouldContain("--wrong-passwords", "a replay sends the same logins");
        KitOptions.Parse(["--target", "http://127.0.0.1:9"], 1, out _)!.WrongPasswords.ShouldBeFalse("SES-3: by default no real account gets a wrong password");
    }
}
