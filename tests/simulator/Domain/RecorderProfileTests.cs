using PauseResume.Simulator.Domain;

namespace PauseResume.Simulator.Tests.Domain;

public sealed class RecorderProfileTests
{
    [Fact]
    public void The_default_profile_has_the_defaults_of_RECORDER_API()
    {
        var profile = RecorderProfile.Default;

        profile.PausedParameter.ShouldBe(PausedParameterReading.Strict, "PSE-2");
        profile.InvalidDirectionStatus.ShouldBe(404, "LST-6");
        profile.SessionIdleTimeout.ShouldBe(TimeSpan.FromMinutes(30), "SES-6");
        profile.PausedStateGetStatus.ShouldBe(405, "PSE-4");
        profile.UnknownPathStatus.ShouldBe(404, "GEN-1");
        profile.MethodNotAllowedStatus.ShouldBe(405, "GEN-2");
        profile.JvmRoute.ShouldBeEmpty("SES-4");
        profile.LoginSessionId.ShouldBe(LoginSessionId.Fresh, "SES-4");
        profile.FailedLoginSession.ShouldBe(FailedLoginSession.LoggedOut, "SES-4");
        profile.MaxActiveSessions.ShouldBe(10_000, "SES-4");
        profile.PauseScope.ShouldBe(PauseScope.Couple, "PSE-1");
    }

    [Theory]
    [InlineData("default")]
    [InlineData("jaxrs-lenient")]
    [InlineData("JAXRS-LENIENT")]
    public void Built_in_profiles_are_found_by_name(string name)
    {
        RecorderProfile.TryNamed(name, out var profile).ShouldBeTrue();
        profile.Name.ShouldBe(name, StringCompareShould.IgnoreCase);
    }

    [Theory]
    [InlineData("pausedParameter", "jaxrs-lenient")]
    [InlineData("invalidDirectionStatus", "400")]
    [InlineData("sessionIdleTimeout", "90")]
    [InlineData("sessionIdleTimeout", "01:30:00")]
    [InlineData("pausedStateGetStatus", "404")]
    [InlineData("unchangedPauseStatus", "409")]
    [InlineData("unchangedPauseStatus", "400")]
    [InlineData("endedCoupleStatus", "410")]
    [InlineData("endedCoupleStatus", "204")]
    [InlineData("unknownCoupleStatus", "410")]
    [InlineData("unknownCoupleStatus", "204")]
    [InlineData("unknownPathStatus", "400")]
    [InlineData("methodNotAllowedStatus", "404")]
    [InlineData("loginParameters", "form-and-query")]
    [InlineData("directionWithoutValue", "ignored")]
    [InlineData("unseenCouples", "omitted")]
    [InlineData("linkOrigin", "https://recorder.example:8443")]
    [InlineData("linkOrigin", "relative")]
    [InlineData("errorBody", "empty")]
    [InlineData("listWithoutCallList", "empty")]
    [InlineData("maskScope", "call")]
    [InlineData("maskSide", "calling")]
    [InlineData("maskSide", "called")]
    [InlineData("refusalOrder", "couple-first")]
    [InlineData("refusalOrder", "rights-first")]
    [InlineData("refusalOrder", "masks-first")]
    [InlineData("refusalOrder", "rights-and-masks-first")]
    [InlineData("badDirectionOrder", "after-login")]
    [InlineData("badDirectionOrder", "before-login")]
    [InlineData("badPausedOrder", "after-login")]
    [InlineData("badPausedOrder", "before-login")]
    [InlineData("badPausedOrder", "before-couple")]
    [InlineData("sessionIdleTimeout", "00:00:01")]
    [InlineData("jvmRoute", "node-1_A")]
    [InlineData("jvmRoute", "")]
    [InlineData("loginSessionId", "kept")]
    [InlineData("loginSessionId", "fresh")]
    [InlineData("failedLoginSession", "unchanged")]
    [InlineData("failedLoginSession", "logged-out")]
    [InlineData("successfulLoginSession", "unchanged")]
    [InlineData("successfulLoginSession", "replaced")]
    [InlineData("maxActiveSessions", "1")]
    [InlineData("maxActiveSessions", "100000")]
    [InlineData("pauseScope", "call")]
    [InlineData("pauseStatus", "202")]
    [InlineData("unchangedPauseStatus", "202")]
    [InlineData("pausedParameter", "spring")]
    [InlineData("detailsPaused", "with-link")]
    [InlineData("endedCoupleDetails", "served")]
    [InlineData("anonymousSession", "any-request")]
    [InlineData("withoutCallListStatus", "404")]
    [InlineData("outsidePauseStatus", "403")]
    [InlineData("pauseScope", "couple")]
    [InlineData("unchangedPauseReach", "call")]
    [InlineData("unchangedPauseReach", "named")]
    public void Each_setting_can_be_overridden_and_is_shown_back(string setting, string value)
    {
        var change = RecorderProfile.Default.With(setting, value);

        change.Error.ShouldBeNull();
        var shown = change.Profile!.Settings()[setting];
        (shown == value || (setting == "sessionIdleTimeout" && shown == "01:30:00")).ShouldBeTrue($"{setting}={shown}");
    }

    [Theory]
    [InlineData("pausedParameter", "sometimes", "PSE-2")]
    [InlineData("invalidDirectionStatus", "500", "LST-6")]
    [InlineData("invalidDirectionStatus", "abc", "LST-6")]
    [InlineData("sessionIdleTimeout", "0", "SES-6")]
    [InlineData("sessionIdleTimeout", "forever", "SES-6")]
    [InlineData("pausedStateGetStatus", "200", "PSE-4")]
    [InlineData("pausedStateGetStatus", "4O5", "PSE-4")]
    [InlineData("unchangedPauseStatus", "403", "PSE-3")]
    [InlineData("unchangedPauseStatus", "201", "PSE-3")]
    [InlineData("pauseStatus", "201", "PSE-3")]
    [InlineData("unchangedPauseStatus", "410", "PSE-3")]
    [InlineData("endedCoupleStatus", "403", "DET-3, PSE-4")]
    [InlineData("unknownCoupleStatus", "400", "DET-3, PSE-4")]
    [InlineData("withoutCallListStatus", "410", "DET-3")]
    [InlineData("unknownPathStatus", "500", "GEN-1")]
    [InlineData("unknownPathStatus", " 404", "GEN-1")]
    [InlineData("methodNotAllowedStatus", "399", "GEN-2")]
    [InlineData("methodNotAllowedStatus", "", "GEN-2")]
    [InlineData("loginParameters", "query", "SES-1")]
    [InlineData("directionWithoutValue", "skipped", "LST-6")]
    [InlineData("unseenCouples", "hidden", "LST-5")]
    [InlineData("linkOrigin", "http://myserver/callrec", "LST-5")]
    [InlineData("linkOrigin", "ftp://myserver", "LST-5")]
    [InlineData("linkOrigin", "http://1.2.3", "LST-5")]
    [InlineData("linkOrigin", "http://0x7f.1", "LST-5")]
    [InlineData("linkOrigin", "http://999.1.1.1", "LST-5")]
    [InlineData("linkOrigin", "http://b\u00fccher.example", "LST-5")]
    [InlineData("linkOrigin", "http://a\u200bb", "LST-5")]
    [InlineData("linkOrigin", "http://\u202eevil", "LST-5")]
    [InlineData("linkOrigin", "http://myserver:0", "LST-5")]
    [InlineData("linkOrigin", "http://[fe80::1%25eth0]", "LST-5")] // the zone would be dropped from every link
    [InlineData("unknownPathStatus", "407", "GEN-1")]
    [InlineData("pausedStateGetStatus", "426", "PSE-4")]
    [InlineData("refusalOrder", "rights_first", "DET-3, PSE-4")]
    [InlineData("badDirectionOrder", "never", "LST-6")]
    [InlineData("badPausedOrder", "after_login", "PSE-2")]
    [InlineData("badParameterOrder", "never", "LST-6, PSE-2")]
    [InlineData("badDirectionOrder", "before-couple", "LST-6")]
    [InlineData("badParameterOrder", "before-couple", "LST-6, PSE-2")]
    [InlineData("jvmRoute", "node.1", "SES-4")]
    [InlineData("jvmRoute", "node1\n", "SES-4")]
    [InlineData("jvmRoute", "a23456789012345678901234567890123", "SES-4")]
    [InlineData("loginSessionId", "stale", "SES-4")]
    [InlineData("failedLoginSession", "logged out", "SES-4")]
    [InlineData("successfulLoginSession", "kept", "SES-4")]
    [InlineData("maxActiveSessions", "0", "least recently used")]
    [InlineData("maxActiveSessions", "-5", "SES-4")]
    [InlineData("maxActiveSessions", "1e4", "SES-4")]
    [InlineData("maxActiveSessions", "2147483648", "SES-4")]
    [InlineData("maxActiveSessions", "100001", "from 1 to 100000")]
    [InlineData("pauseScope", "conference", "PSE-1")]
    [InlineData("unchangedPauseReach", "always", "PSE-1, PSE-3")]
    [InlineData("speed", "fast", "known settings")]
    [InlineData("pau\u017FedParameter", "strict", "unknown profile setting")] // a long s is no s (ASCII names only)
    [InlineData("loginSessionId", "\u212Aept", "SES-4")] // nor the Kelvin sign a K
    [InlineData("jvmRoute", "node1\u001B[2J", "not 'node1\\u001B[2J'")] // a control character quoted as its escape: one line
    public void A_bad_setting_is_refused_with_a_message_naming_the_rule(string setting, string value, string mention)
    {
        var change = RecorderProfile.Default.With(setting, value);

        change.Profile.ShouldBeNull();
        change.Error!.ShouldContain(mention);
    }

    [Theory]
    [InlineData("LoginSessionId", "KEPT", "loginSessionId", "kept")]
    [InlineData("failedloginsession", "Unchanged", "failedLoginSession", "unchanged")]
    public void Session_settings_are_read_in_any_case_and_written_as_documented(string setting, string value, string name, string written)
    {
        var change = RecorderProfile.Default.With(setting, value);

        change.Profile!.Settings()[name].ShouldBe(written, "settings.md: parse case-insensitively, write as documented");
    }

    [Fact]
    public void Every_setting_name_is_shown_in_the_settings()
    {
        RecorderProfile.Default.Settings().Keys.ShouldBe(RecorderProfile.SettingNames, ignoreOrder: true);
    }
}
