using System.Text.RegularExpressions;
using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;

namespace PauseResume.Conformance.Tests.Kit;

/// <summary>
/// LST-1, DET-1, DET-2: ids are numbers. A recorder that writes them with leading zeros (<c>id="0000041000"</c>, links
/// to <c>couples.xml/0000041000/pausedState</c>) names the couple the kit knows as 41000, and its pausedState link has
/// the documented path: one such recorder was called broken on DET-2 (exit 1), its self links different on DET-1.
/// </summary>
public sealed partial class PaddedIdTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task DET_2_Ids_written_with_leading_zeros_break_and_differ_in_nothing(int seed)
    {
        // Arrange: every document's ids and links padded with zeros
        var padded = 0;
        await using var target = new InProcessTarget((_, inner) => new Rewriting(async (request, send) =>
        {
            var response = await send(request);
            if (response.Content.Headers.ContentType?.MediaType != "application/xml")
            {
                return response;
            }

            var body = await response.Content.ReadAsStringAsync();
            var written = Link().Replace(Id().Replace(body, "$1=\"00000$2\""), "couples.xml/00000$1");
            if (written != body)
            {
                Interlocked.Increment(ref padded);
            }

            return new HttpResponseMessage(response.StatusCode) { Content = new StringContent(written, System.Text.Encoding.UTF8, "application/xml") };
        }) { InnerHandler = inner });
        var progress = new StringWriter();

        // Act
        var result = await new ConformanceKit(target, KitProfile.Default, progress) { Seed = seed, Runs = 40 }.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        var why = $"{progress}\n{string.Join("\n", result.Rules.Where(r => r.Status is RuleStatus.Failed or RuleStatus.Differs).Select(r => $"{r.Rule.Id} {r.Status}: {r.Detail}"))}";
        padded.ShouldBeGreaterThan(0, "the documents must have been padded");
        result.Broken.ShouldBeEmpty(why);
        result.Differing.ShouldBeEmpty(why);
    }

    [GeneratedRegex("\\b(id|callId)=\"(\\d+)\"")]
    private static partial Regex Id();

    [GeneratedRegex("couples\\.xml/(\\d+)")]
    private static partial Regex Link();
}
