using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Scenarios;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;

namespace PauseResume.Conformance.Tests.Kit;

/// <summary>
/// A recorder behind a gateway that mounts it under a path (<c>https://gw/recorder/</c>) and passes the rest on: the
/// recorder writes its links as it sees itself (<c>/callrec/...</c>), and a client takes their path from the root it was
/// given. Nothing documented breaks there, nor where the recorder names its own address in its links
/// (<c>http://internal:8080/callrec/...</c>, linkOrigin): that differs from a profile that does not say so.
/// </summary>
public sealed class GatewayPrefixTests
{
    [Theory]
    [InlineData(false, null)]
    [InlineData(true, null)]
    [InlineData(false, "internal.example:8080")]
    [InlineData(true, "internal.example:8080")]
    public async Task LST_5_DET_2_A_recorder_mounted_under_a_path_by_a_gateway_breaks_nothing(bool probed, string? innerHost)
    {
        // Arrange
        await using var inner = new InProcessTarget();
        ModelUser[] accounts = [new("admin", "admin", true, true, []), new("agent", "agent", true, true, ["100*"]), new("kiosk", "kiosk", false, false, [])];
        CallSpec[] calls = [.. Enumerable.Range(0, 4).Select(i => new CallSpec($"55501{i:D2}", $"{(i % 2 == 0 ? 100 : 200)}{i:D2}", $"10.0.0.{i + 1}", $"10.0.1.{i + 1}"))];
        var ids = (await inner.Control!.ResetAsync(new WorldSpec(1, [.. accounts], [.. calls]), TestContext.Current.CancellationToken)).Select(c => c.Id).ToList();
        await using var target = new Mounted(inner, "recorder/", innerHost);
        var profile = probed ? (await ProbedProfile.OfAsync(new PauseResume.Conformance.Probe.Prober(target, accounts, [ids[0]], TimeSpan.Zero) { Settle = TimeSpan.Zero })).Probed : KitProfile.Default;
        var real = await RealWorld.ObserveAsync(target, accounts, [ids[0]], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);

        // Act
        var result = await new ConformanceKit(target, profile, TextWriter.Null) { Seed = 7, Runs = 80, Real = real, Settle = TimeSpan.Zero }.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        var explained = string.Join("\n", result.Rules.Where(r => r.Status is not (RuleStatus.Passed or RuleStatus.NotChecked)).Select(r => $"{r.Rule.Id} {r.Status}: {r.Detail}\n{string.Join("\n", r.Failure?.Trace ?? [])}"));
        result.Broken.ShouldBeEmpty(explained);
        if (innerHost is not null && !probed)
        {
            // Links naming the recorder's own address, which the profile does not expect: a difference on linkOrigin only.
            result.SettingChanges.Select(c => c.Setting).Distinct().ShouldBe([ProfileSettings.LinkOrigin], explained);
            explained.ShouldContain($"linkOrigin=http://{innerHost}");
        }
        else
        {
            result.Differing.ShouldBeEmpty(explained);
        }

        result.Rules.Single(r => r.Rule.Id == "DET-2").Status.ShouldBe(RuleStatus.Passed, explained);
        result.Rules.Single(r => r.Rule.Id == "PSE-1").Status.ShouldBe(RuleStatus.Passed, explained);
    }

    /// <summary>The inner target as a gateway shows it: under <c>prefix</c>, which the gateway takes off before passing a request on.</summary>
    private sealed class Mounted(ITarget inner, string prefix, string? innerHost) : ITarget
    {
        private readonly HttpClient through = inner.CreateClient();

        public string Description => $"{inner.Description} behind a gateway at /{prefix}";

        public SimulatorControl? Control => null;

        public ClockKind Clock => ClockKind.None;

        public bool CallsComeAndGo => true;

        public HttpClient CreateClient()
        {
            var root = through.BaseAddress!;
            return new HttpClient(new Gateway(through, root, prefix, innerHost)) { BaseAddress = new Uri(root, prefix) };
        }

        public Task AdvanceTimeAsync(TimeSpan by, CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask DisposeAsync()
        {
            through.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    private sealed class Gateway(HttpClient through, Uri root, string prefix, string? innerHost) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.PathAndQuery;
            if (!path.StartsWith("/" + prefix, StringComparison.Ordinal))
            {
                return new HttpResponseMessage(System.Net.HttpStatusCode.NotFound); // the gateway has nothing else
            }

            using var passed = new HttpRequestMessage(request.Method, new Uri(root, path["/".Length..][prefix.Length..])) { Content = request.Content };
            foreach (var (name, values) in request.Headers)
            {
                passed.Headers.TryAddWithoutValidation(name, values);
            }

            if (innerHost is not null)
            {
                passed.Headers.Host = innerHost; // the recorder sees the gateway's request to its own address
            }

            return await through.SendAsync(passed, cancellationToken);
        }
    }
}
