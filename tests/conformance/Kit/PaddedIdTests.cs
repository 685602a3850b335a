using System.Text.RegularExpressions;
using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Scenarios;
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

    /// <summary>
    /// A recorder whose ids are text (only <c>0000024197</c> names the couple, <c>24197</c> none) cannot be checked by a kit
    /// that writes ids as numbers: it says so before it starts, instead of runs whose every request for a couple is
    /// refused and whose probe called the couple "not recording". One that reads the padded id as the number it is runs.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_recorder_that_reads_couple_ids_as_text_is_named_before_the_run(bool asText)
    {
        // Arrange: documents padded; a path's id read as text (padded only) or as a number (either)
        await using var inner = new InProcessTarget((_, handler) => new Rewriting(async (request, send) =>
        {
            var path = request.RequestUri!.AbsolutePath;
            if (Link().Match(path) is { Success: true } id)
            {
                if (asText && !id.Groups[1].Value.StartsWith('0'))
                {
                    return new HttpResponseMessage(System.Net.HttpStatusCode.NotFound);
                }

                request.RequestUri = new Uri(request.RequestUri, Link().Replace(path, m => "couples.xml/" + long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)));
            }

            var response = await send(request);
            if (response.Content.Headers.ContentType?.MediaType != "application/xml")
            {
                return response;
            }

            var body = await response.Content.ReadAsStringAsync();
            return new HttpResponseMessage(response.StatusCode) { Content = new StringContent(Link().Replace(Id().Replace(body, "$1=\"00000$2\""), "couples.xml/00000$1"), System.Text.Encoding.UTF8, "application/xml") };
        }) { InnerHandler = handler });
        var couples = await inner.Control!.ResetAsync(new WorldSpec(1, [new Model.ModelUser("admin", "admin", true, true, [])], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken);
        var recorder = new ObservedTarget(inner);

        // Act
        var observing = RealWorld.ObserveAsync(recorder, [new Model.ModelUser("admin", "admin", true, true, [])], [.. couples.Select(c => c.Id)], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);

        // Assert
        if (asText)
        {
            var refused = await Should.ThrowAsync<TargetException>(observing);
            refused.Message.ShouldContain($"names it as /callrec/restful/couples.xml/00000{couples[0].Id}, and its details answer there, but /callrec/restful/couples.xml/{couples[0].Id} (the same id as a number", Case.Sensitive, refused.Message);
            refused.Message.ShouldContain("reads couple ids as text", Case.Sensitive, refused.Message);
        }
        else
        {
            (await observing).Pausable.ToList().ShouldBe([couples[0].Id], "the padded id names the couple as the number it is");
        }
    }

    [GeneratedRegex("\\b(id|callId)=\"(\\d+)\"")]
    private static partial Regex Id();

    [GeneratedRegex("couples\\.xml/(\\d+)")]
    private static partial Regex Link();
}
