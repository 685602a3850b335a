using Microsoft.Extensions.Time.Testing;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Probe;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Scenarios;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;
using PauseResume.Simulator.Testing;

namespace PauseResume.Conformance.Tests.Probe;

/// <summary>
/// SES-6 is inferred: a real recorder's sessions may expire after an idle of seconds. The probe works with one account
/// while another's session waits, and a recorder whose sessions expired after 2 s refused the main session's later
/// requests: the profile kept defaults whose notes blamed the 403s on other causes (a couple not recording, HEAD
/// refused), and nothing said a session the probe held had ended.
/// </summary>
public sealed class ProbeIdleExpiryTests
{
    private static readonly ModelUser[] Accounts =
    [
        new("admin", "admin", true, true, []), new("lister", "lister", true, false, []), new("kiosk", "kiosk", false, false, []),
        new("masked", "masked", true, true, ["5550101"]),
    ];

    // What the recorder does where the reference is silent, measured in the probe's later stages, each unlike the default.
    private static readonly (string Setting, string Value)[] Recorder =
    [
        (ProfileSettings.HeadMethod, "not-allowed"), (ProfileSettings.PathCase, "any"), (ProfileSettings.DocumentMediaType, "text/xml"),
        (ProfileSettings.DetailsPaused, "with-link"), (ProfileSettings.PauseStatus, "200"),
    ];

    /// <summary>
    /// Probes the recorder as a real one (observed, its clock its own) whose every request takes a quarter of a second
    /// on its clock and the kit's, and whose sessions expire after <paramref name="idleTimeout"/> without a request.
    /// </summary>
    private static async Task<(ProbeResult Probe, KitProfile Probed)> ProbeAsync(string idleTimeout, double kitStep = 0.25)
    {
        var kit = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        FakeRecorder? simulator = null;
        await using var inner = new InProcessTarget((recorder, handler) =>
        {
            simulator = recorder;
            return new Rewriting((request, send) =>
            {
                kit.Advance(TimeSpan.FromSeconds(kitStep));
                simulator.Advance(TimeSpan.FromSeconds(0.25));
                return send(request);
            }) { InnerHandler = handler };
        });
        var profile = Recorder.Aggregate(KitProfile.Default.With(ProfileSettings.SessionIdleTimeout, idleTimeout).Profile!, (p, s) => p.With(s.Setting, s.Value).Profile!);
        inner.Control!.ServerProfile = ProfileJson.Write(profile with { Name = "recorder" });
        var couples = await inner.Control.ResetAsync(new WorldSpec(1, [.. Accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21"), new CallSpec("5550102", "10022", "10.0.0.6", "10.0.1.22")]), TestContext.Current.CancellationToken);
        return await ProbedProfile.OfAsync(new Prober(new ObservedTarget(inner), Accounts, [couples[0].Id], TimeSpan.Zero) { Settle = TimeSpan.Zero, Clock = kit });
    }

    [Fact]
    public async Task SES_6_A_recorder_whose_sessions_expire_after_seconds_is_probed_as_if_they_lived()
    {
        // Act
        var (probe, probed) = await ProbeAsync("00:00:02");

        // Assert
        var summary = string.Join("\n", probe.Summary);
        foreach (var (setting, value) in Recorder)
        {
            probed[setting].ShouldBe(value, $"{setting}: the second answer, after a new login, is the one measured\n{summary}");
        }

        summary.ShouldContain("The sessions had ended meanwhile: an idle timeout shorter than the profile's is one cause (SES-6, inferred)", customMessage: summary);
        summary.ShouldContain("s after the server last showed their session alive, and the list in the same session too", customMessage: summary);
        probe.Answers.ShouldContain(a => a.Request.StartsWith("POST /callrec/restful/couples.xml/", StringComparison.Ordinal) && a.Status == 200, "PSE-3: the pause, logged in again, was taken\n" + summary);
    }

    /// <summary>
    /// The kit measures an idle from its own sending, a recorder from when it took or finished a request: a session that
    /// expired after 1.0 s went 0.99 s without a request by the kit's clock, and the probe went on in the dead session.
    /// Here the kit's clock runs 4 % slow against the recorder's, and the recorder answers an unknown path and a method
    /// it does not take without touching the session, so a session can end between requests that each came soon.
    /// </summary>
    [Fact]
    public async Task SES_6_A_session_that_ends_past_the_kits_measure_of_its_idle_is_noticed()
    {
        // Act
        var (probe, probed) = await ProbeAsync("00:00:01", kitStep: 0.24);

        // Assert
        var summary = string.Join("\n", probe.Summary);
        foreach (var (setting, value) in Recorder)
        {
            probed[setting].ShouldBe(value, $"{setting}\n{summary}");
        }
    }

    [Fact]
    public async Task SES_6_A_recorder_whose_sessions_live_is_not_said_to_expire_them()
    {
        // Act
        var (probe, probed) = await ProbeAsync("00:30:00");

        // Assert
        var summary = string.Join("\n", probe.Summary);
        foreach (var (setting, value) in Recorder)
        {
            probed[setting].ShouldBe(value, summary);
        }

        summary.ShouldNotContain("had ended", customMessage: summary);
    }

    /// <summary>
    /// A refusal the probe draws on purpose (the main account's masks refuse a couple first) in a session that lives is
    /// no end of it, whatever the idle before: the list in the same session tells. A new login there would cost the
    /// session on a recorder that keeps a user's first session and counts the session a login names too (its second
    /// login of the user fails and, as any failed login, logs that session out).
    /// </summary>
    [Fact]
    public async Task SES_6_A_refusal_in_a_session_that_lives_costs_no_new_login()
    {
        // Arrange: sessions that live; a login of the user the named session already holds fails
        ModelUser[] accounts = [new("admin", "admin", true, true, ["555*"]), new("lister", "lister", true, false, []), new("kiosk", "kiosk", false, false, []), new("masked", "masked", true, true, ["5550101"])];
        var kit = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var holders = new Dictionary<string, string>(StringComparer.Ordinal);
        FakeRecorder? simulator = null;
        await using var inner = new InProcessTarget((recorder, handler) =>
        {
            simulator = recorder;
            return new Rewriting(async (request, send) =>
            {
                kit.Advance(TimeSpan.FromSeconds(0.25));
                simulator.Advance(TimeSpan.FromSeconds(0.25));
                var named = Rewriting.SessionOf(request);
                if (!Rewriting.Is(request, "POST", "/loginAction.do") || request.Content is null)
                {
                    return await send(request);
                }

                var form = await request.Content.ReadAsStringAsync();
                var login = System.Web.HttpUtility.ParseQueryString(form)["login"];
                if (login is not null && named is not null && holders.TryGetValue(named, out var held) && held == login)
                {
                    request.Content = new StringContent(form.Replace("password=", "password=not-", StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
                }

                var response = await send(request);
                var fresh = response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies.Select(c => c.Split(';')[0]).FirstOrDefault(c => c.StartsWith("JSESSIONID=", StringComparison.Ordinal))?["JSESSIONID=".Length..] : null;
                if (fresh is not null && login is not null && !Rewriting.IsIgnoredLogin(simulator, request))
                {
                    holders[fresh] = login;
                }

                return response;
            }) { InnerHandler = handler };
        });
        var profile = KitProfile.Default.With(ProfileSettings.SessionsPerUser, "first-wins").Profile!.With(ProfileSettings.RefusalOrder, "masks-first").Profile!;
        inner.Control!.ServerProfile = ProfileJson.Write(profile with { Name = "recorder" });
        var couples = await inner.Control.ResetAsync(new WorldSpec(1, [.. accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21"), new CallSpec("5550102", "10022", "10.0.0.6", "10.0.1.22")]), TestContext.Current.CancellationToken);

        // Act
        var (probe, _) = await ProbedProfile.OfAsync(new Prober(new ObservedTarget(inner), accounts, [couples[0].Id], TimeSpan.Zero) { Settle = TimeSpan.Zero, Clock = kit });

        // Assert
        var summary = string.Join("\n", probe.Summary);
        summary.ShouldNotContain("had ended", customMessage: summary);
    }
}
