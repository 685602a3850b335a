using System.Text.RegularExpressions;
using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;

namespace PauseResume.Conformance.Tests.Kit;

/// <summary>
/// SES-4 (inferred): a recorder on Jetty writes its session ids in letters and digits, <c>node0…</c>, with its worker
/// name after a dot where a clustered Tomcat writes its jvmRoute. To a client it is the same opaque cookie: the run
/// names jvmRoute=node0 and nothing else, and breaks no documented rule.
/// </summary>
public sealed partial class JettySessionIdTests
{
    [Fact]
    public async Task SES_4_A_Jetty_session_id_is_a_difference_on_jvmRoute_only()
    {
        await using var target = WithSessionIds(Jetty(), m => "JSESSIONID=" + m.Groups[1].Value.ToUpperInvariant(), m => $"JSESSIONID=node0{m.Groups[1].Value.ToLowerInvariant()}.node0", "a recorder on Jetty");

        var result = await new ConformanceKit(target, KitProfile.Default, TextWriter.Null) { Seed = 4, Runs = 120 }.RunAsync(TestContext.Current.CancellationToken);

        var explained = string.Join("\n", result.Rules.Where(r => r.Status is RuleStatus.Failed or RuleStatus.Differs).Select(r => $"{r.Rule.Id} {r.Status}: {r.Detail}"));
        result.Broken.ShouldBeEmpty(explained);
        result.SettingChanges.Select(c => $"{c.Setting}={c.ServerValue}").ShouldBe(["jvmRoute=node0"], explained);
    }

    /// <summary>
    /// SES-4 (inferred): WebSphere writes <c>0000</c>, letters and digits, and its clone id after a colon: the same opaque
    /// cookie, which no setting describes and none needs to (a run said "no setting value describes it").
    /// </summary>
    [Fact]
    public async Task SES_4_A_WebSphere_session_id_with_its_clone_id_is_no_difference()
    {
        await using var target = WithSessionIds(WebSphere(), m => "JSESSIONID=" + m.Groups[1].Value, m => $"JSESSIONID=0000{m.Groups[1].Value}:1a2b3c4d5", "a recorder on WebSphere");

        var result = await new ConformanceKit(target, KitProfile.Default, TextWriter.Null) { Seed = 4, Runs = 60 }.RunAsync(TestContext.Current.CancellationToken);

        var explained = string.Join("\n", result.Rules.Where(r => r.Status is RuleStatus.Failed or RuleStatus.Differs).Select(r => $"{r.Rule.Id} {r.Status}: {r.Detail}"));
        result.Broken.ShouldBeEmpty(explained);
        result.Differing.ShouldBeEmpty(explained);
    }

    /// <summary>
    /// The simulator with its session ids written another way: each Set-Cookie's Tomcat id by <paramref name="written"/>,
    /// and each cookie sent back (matched by <paramref name="sent"/>) as the Tomcat id by <paramref name="read"/>.
    /// </summary>
    private static InProcessTarget WithSessionIds(Regex sent, MatchEvaluator read, MatchEvaluator written, string description) =>
        new((_, inner) => new Rewriting(async (request, send) =>
        {
            if (request.Headers.TryGetValues("Cookie", out var cookies))
            {
                var cookie = string.Join("; ", cookies);
                request.Headers.Remove("Cookie");
                request.Headers.Add("Cookie", sent.Replace(cookie, read));
            }

            var response = await send(request);
            if (response.Headers.TryGetValues("Set-Cookie", out var set))
            {
                var rewritten = set.Select(c => Tomcat().Replace(c, written)).ToList();
                response.Headers.Remove("Set-Cookie");
                response.Headers.Add("Set-Cookie", rewritten);
            }

            return response;
        }) { InnerHandler = inner }, description);

    [GeneratedRegex("JSESSIONID=0000([0-9A-F]+):1a2b3c4d5")]
    private static partial Regex WebSphere();

    [GeneratedRegex("JSESSIONID=node0([0-9a-f]+)\\.node0")]
    private static partial Regex Jetty();

    [GeneratedRegex("JSESSIONID=([0-9A-F]+)")]
    private static partial Regex Tomcat();
}
