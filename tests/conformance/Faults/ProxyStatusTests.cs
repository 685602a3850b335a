using System.Net;
using PauseResume.Conformance.Cli;
using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;

namespace PauseResume.Conformance.Tests.Faults;

/// <summary>
/// Statuses a proxy or gateway gives instead of the server's answer: a rate limit (429) is a fault like a 503, never
/// judged; a proxy that wants credentials (407) leaves nothing to check, so the target cannot be used.
/// </summary>
public sealed class ProxyStatusTests
{
    private static Func<ITarget> Behind(Func<int, HttpStatusCode?> gateway) => () =>
    {
        var count = 0;
        return new InProcessTarget((_, inner) => new Rewriting(async (request, send) =>
            request.RequestUri!.AbsolutePath.StartsWith("/callrec/", StringComparison.Ordinal) && gateway(Interlocked.Increment(ref count)) is { } status
                ? new HttpResponseMessage(status) { Content = new StringContent("from the gateway") }
                : await send(request)) { InnerHandler = inner });
    };

    [Fact]
    public async Task Requests_a_rate_limit_refuses_are_faults_met_and_judge_no_rule()
    {
        // Arrange
        var output = new StringWriter();

        // Act: every ninth request to the API is refused by a rate limiter
        var exit = await KitCommand.RunAsync(["--runs", "30", "--max-runs", "30", "--seed", "4"], output, TextWriter.Null,
            Behind(n => n % 9 == 0 ? HttpStatusCode.TooManyRequests : null), TestContext.Current.CancellationToken);

        // Assert
        var text = output.ToString();
        exit.ShouldBe(KitResult.ExitFaulted, $"GEN-3: a 429 says nothing about the rules\n{text}");
        text.ShouldMatch(@"429 × \d+");
        text.ShouldNotContain("  FAIL  ");
        text.ShouldNotContain("  DIFF  ");
    }

    [Fact]
    public async Task A_proxy_that_wants_credentials_makes_the_target_unusable_with_a_clear_message()
    {
        // Arrange
        var errors = new StringWriter();

        // Act
        var exit = await KitCommand.RunAsync(["--runs", "5", "--seed", "4"], TextWriter.Null, errors,
            Behind(_ => HttpStatusCode.ProxyAuthenticationRequired), TestContext.Current.CancellationToken);

        // Assert
        exit.ShouldBe(KitResult.ExitUsage, $"SES-1: no answer of the server was seen, so no rule can be judged\n{errors}");
        errors.ToString().ShouldContain("proxy");
        errors.ToString().ShouldContain("407");
    }
}
