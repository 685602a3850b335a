using System.Net.Http.Headers;
using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;

namespace PauseResume.Conformance.Tests.Kit;

/// <summary>
/// Recorders that break no documented rule but answer in ways the API leaves open: the kit must not call them
/// broken (exit 1) nor stop; where they differ from an inference, it says "differs".
/// </summary>
public sealed class FaithfulRecorderTests
{
    private static async Task<KitResult> CheckAsync(Func<HttpMessageHandler, DelegatingHandler> wrap, int runs = 60)
    {
        await using var target = new InProcessTarget((_, inner) => wrap(inner), "faithful");
        return await new ConformanceKit(target, KitProfile.Default, TextWriter.Null) { Seed = 20261130, Runs = runs }.RunAsync(TestContext.Current.CancellationToken);
    }

    private static string Explain(KitResult result) =>
        string.Join("\n", result.Rules.Where(r => r.Status is RuleStatus.Failed or RuleStatus.Differs).Select(r => $"{r.Rule.Id} {r.Status}: {r.Detail}\n  {string.Join("\n  ", r.Failure?.Trace ?? [])}"));

    private static Rewriting WithCharset(HttpMessageHandler inner, Func<HttpRequestMessage, string?> charset) => new(async (request, send) =>
    {
        var response = await send(request);
        if (request.RequestUri!.AbsolutePath.StartsWith("/callrec/", StringComparison.Ordinal) && charset(request) is { } name && response.Content.Headers.ContentType is { } type)
        {
            response.Content.Headers.ContentType = new MediaTypeHeaderValue(type.MediaType!) { CharSet = name };
        }

        return response;
    }) { InnerHandler = inner };

    [Fact]
    public async Task Answers_in_charsets_named_the_Java_way_are_read_and_judged_like_any_other()
    {
        // Arrange: a servlet that names its charsets by Java's aliases
        static string Java(HttpRequestMessage request) =>
            request.RequestUri!.AbsolutePath.EndsWith(".do", StringComparison.Ordinal) ? "UTF8"
            : request.RequestUri!.AbsolutePath.EndsWith("/couples.xml", StringComparison.Ordinal) ? "Cp1252"
            : "ISO8859_1";

        // Act
        var result = await CheckAsync(inner => WithCharset(inner, Java));

        // Assert
        result.Broken.ShouldBeEmpty($"GEN-3, SES-4, LST-1: a charset Java knows is no broken rule\n{Explain(result)}");
        result.Differing.ShouldBeEmpty(Explain(result));
        result.Faults.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_answer_in_a_charset_nobody_knows_is_read_as_UTF8_and_reported_as_a_difference()
    {
        // Act
        var result = await CheckAsync(inner => WithCharset(inner, r => r.RequestUri!.AbsolutePath.EndsWith("/couples.xml", StringComparison.Ordinal) ? "x-made-up" : null));

        // Assert
        result.Broken.ShouldBeEmpty($"LST-1: the charset's name is documented nowhere\n{Explain(result)}");
        result.Differing.Select(r => r.Rule.Id).ShouldBe(["LST-1"], Explain(result));
        result.Failures.ShouldContain(f => f.Check.Actual.Contains("x-made-up", StringComparison.Ordinal), "the report names the charset");
    }
}
