using System.Net;
using System.Net.Sockets;
using System.Text;
using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;

namespace PauseResume.Conformance.Tests.Kit;

/// <summary>
/// PSE-3: that <c>paused</c> is read from the query string is our inference. The kit sends a POST with it in the query and
/// no body now and then; a faithful recorder may want a form on every POST and refuse one without (415 from a JAX-RS
/// method that consumes only forms, 400 or 411 from a filter or a framework, before or after its session check). Such a
/// recorder differs on PSE-3; it never breaks a documented rule.
/// </summary>
public sealed class BodilessPauseTests
{
    private static string Explain(KitResult result) =>
        string.Join("\n", result.Failures.Select(f => $"{f.Check.Rule} {f.Check.What}: {f.Check.Expected} / {f.Check.Actual}\n  {string.Join("\n  ", f.Trace)}"));

    private static bool BodilessPost(HttpRequestMessage request) =>
        request.Method == HttpMethod.Post && Rewriting.IsPausedState(request) && request.Content is null;

    /// <summary>
    /// A recorder that refuses a POST without a body with <paramref name="status"/>, after its session check (which then
    /// counts as the session's use) when <paramref name="sessionFirst"/>, else before it, under the given location and reading.
    /// </summary>
    private static async Task<(KitResult Result, int Refused)> RunAsync(HttpStatusCode status, bool sessionFirst, string location, bool lenient, bool kitKnowsTheLocation, int seed)
    {
        var refused = 0;
        await using var target = new InProcessTarget((recorder, inner) => new Rewriting(async (request, send) =>
        {
            if (BodilessPost(request) && (!sessionFirst || recorder.Recorder.LoginOf(Rewriting.SessionOf(request)) is not null))
            {
                Interlocked.Increment(ref refused);
                if (sessionFirst)
                {
                    recorder.Recorder.Details(Rewriting.SessionOf(request), null); // the session check touched the session
                }

                return new HttpResponseMessage(status) { Content = new StringContent("a form body (application/x-www-form-urlencoded) is required") };
            }

            return await send(request);
        }) { InnerHandler = inner });
        var server = (lenient ? KitProfile.JaxRsLenient : KitProfile.Default).With(ProfileSettings.PausedLocation, location).Profile!;
        target.Control!.ServerProfile = ProfileJson.Write(server with { Name = "recorder" });
        var result = await new ConformanceKit(target, kitKnowsTheLocation ? server : KitProfile.Default, TextWriter.Null) { Seed = seed, Runs = 100 }.RunAsync(TestContext.Current.CancellationToken);
        return (result, refused);
    }

    [Theory]
    [InlineData(HttpStatusCode.UnsupportedMediaType, false, "form-and-query", false, 7)]
    [InlineData(HttpStatusCode.UnsupportedMediaType, true, "form", false, 11)]
    [InlineData(HttpStatusCode.UnsupportedMediaType, false, "form", true, 11)]
    [InlineData(HttpStatusCode.UnsupportedMediaType, true, "query", false, 3)]
    [InlineData(HttpStatusCode.BadRequest, true, "query", false, 11)]
    [InlineData(HttpStatusCode.BadRequest, true, "post-form-and-query", false, 11)]
    [InlineData(HttpStatusCode.LengthRequired, false, "form-and-query", false, 11)]
    public async Task PSE_3_A_recorder_that_refuses_a_POST_without_a_body_differs_on_PSE_3_and_breaks_nothing(HttpStatusCode status, bool sessionFirst, string location, bool lenient, int seed)
    {
        // Act
        var (result, refused) = await RunAsync(status, sessionFirst, location, lenient, kitKnowsTheLocation: true, seed);

        // Assert
        refused.ShouldBeGreaterThan(0, "the kit sent a pause without a body");
        result.Broken.ShouldBeEmpty(Explain(result));
        result.Rules.Where(r => r.Status is RuleStatus.Failed or RuleStatus.Differs).Select(r => r.Rule.Id).ShouldBe(["PSE-3"], Explain(result));
        result.SettingChanges.Select(c => $"{c.Setting}={c.ServerValue}").ShouldContain("formlessPost=refused", "the difference is named by the setting the probe measures");
    }

    /// <summary>
    /// A query-only recorder checked against the default profile (form and query), which the kit learns on the way: its
    /// refusals of the form body and of the POST without a body together must not read as "paused is taken nowhere" (PSE-1).
    /// </summary>
    [Theory]
    [InlineData(7)]
    [InlineData(11)]
    public async Task PSE_1_A_query_only_recorder_that_refuses_a_POST_without_a_body_under_the_default_profile_breaks_nothing(int seed)
    {
        // Act
        var (result, refused) = await RunAsync(HttpStatusCode.BadRequest, sessionFirst: true, "query", lenient: false, kitKnowsTheLocation: false, seed);

        // Assert
        refused.ShouldBeGreaterThan(0, "the kit sent a pause without a body");
        result.Broken.ShouldBeEmpty(Explain(result));
    }

    /// <summary>The curl script replays a POST without a body as the kit's HttpClient sends it: a length of 0, no content type.</summary>
    [Fact]
    public async Task HttpClient_sends_a_POST_without_content_with_Content_Length_0_and_no_Content_Type()
    {
        // Arrange
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accepted = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync(TestContext.Current.CancellationToken);
            var stream = client.GetStream();
            var buffer = new byte[4096];
            var read = 0;
            while (!Encoding.ASCII.GetString(buffer, 0, read).Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                read += await stream.ReadAsync(buffer.AsMemory(read), TestContext.Current.CancellationToken);
            }

            await stream.WriteAsync("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n"u8.ToArray(), TestContext.Current.CancellationToken);
            return Encoding.ASCII.GetString(buffer, 0, read);
        }, TestContext.Current.CancellationToken);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

        // Act
        using var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "callrec/restful/couples.xml/1/pausedState?paused=true"), TestContext.Current.CancellationToken);
        var head = await accepted;

        // Assert
        head.ShouldContain("Content-Length: 0", Case.Insensitive);
        head.ShouldNotContain("Content-Type", Case.Insensitive);
    }
}
