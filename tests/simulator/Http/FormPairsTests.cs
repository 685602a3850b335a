using System.Net;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.AspNetCore.WebUtilities;
using PauseResume.Simulator.Http;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Simulator.Tests.Http;

/// <summary>
/// A UTF-8 form body is read as a servlet reads one, and as the simulator reads a query string: split at each
/// <c>&amp;</c>, a piece without <c>=</c> a name with an empty value (PSE-2, PSE-3, SES-1).
/// </summary>
public sealed class FormPairsTests
{
    private static readonly Gen<string> Pieces =
        Gen.Elements("a", "paused", "true", "=", "-", ".", "~", "*", "'", ";", "/", "?", "%41", "%E9", "%C3%A9", "%", "%zz", "+", " ", "é", "\t", "\0", "\"", "<", "#", "\\");

    /// <summary>Bodies of any pieces, separators and escapes (good and bad) included.</summary>
    private static readonly Gen<string> Bodies = Gen.OneOf(Pieces, Gen.Constant("&")).ListOf().Select(parts => string.Concat(parts));

    /// <summary>Bodies of name=value pairs, each with its '=', none empty: forms on which every reader agrees.</summary>
    private static readonly Gen<string> Forms =
        Pieces.ListOf().Select(parts => string.Concat(parts)).Where(piece => piece.Contains('=')).NonEmptyListOf().Select(pieces => string.Join('&', pieces));

    [Property(MaxTest = 2000)]
    public Property PSE_2_SES_1_A_form_body_is_split_as_the_query_string_is() =>
        Prop.ForAll(Bodies.ToArbitrary(), body =>
            Parameters.ServletPairs(body).SequenceEqual(QueryPairs(body)));

    [Property(MaxTest = 2000)]
    public Property PSE_2_SES_1_A_form_of_name_value_pairs_is_read_as_the_framework_reads_it() =>
        Prop.ForAll(Forms.ToArbitrary(), body =>
            Parameters.ServletPairs(body).SequenceEqual(FrameworkPairs(body)));

    [Theory]
    [InlineData("paused=true", "paused", "true")]
    [InlineData("flag&paused=true", "flag", "", "paused", "true")]
    [InlineData("&&paused&=x&a==b=", "paused", "", "", "x", "a", "=b=")]
    [InlineData("x=1&=&y", "x", "1", "", "", "y", "")]
    [InlineData("caf%C3%A9=a+b%2Bc", "café", "a b+c")]
    [InlineData("\uFEFFpaused=true", "\uFEFFpaused", "true")]
    [InlineData("")]
    public void PSE_2_A_body_gives_its_pairs_in_order_and_as_spelled(string body, params string[] expected) =>
        Parameters.ServletPairs(body).SelectMany(p => new[] { p.Key, p.Value }).ShouldBe(expected, $"PSE-2: '{body}' split as a servlet splits it");

    [Theory]
    [InlineData("flag&paused=true", true)]
    [InlineData("paused=true&flag", true)]
    [InlineData("flag&paused", false)]
    public async Task PSE_2_A_name_without_a_value_beside_paused_leaves_paused_read(string body, bool paused)
    {
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(), TestContext.Current.CancellationToken);
        var admin = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", recorder.Recorder.Users().Single(u => u.Login == "admin").Password);

        var response = await admin.SetPausedAsync(TestWorlds.AgentsCouple, body);

        response.StatusCode.ShouldBe(paused ? HttpStatusCode.NoContent : HttpStatusCode.BadRequest, $"PSE-2: '{body}' as a servlet reads it");
        recorder.Recorder.Couples().Single(c => c.Couple.Id == TestWorlds.AgentsCouple).Paused.ShouldBe(paused);
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("windows-1252")]
    [InlineData("utf-16BE")]
    [InlineData("utf-16LE")]
    public async Task PSE_2_A_form_is_split_alike_in_every_charset(string charset)
    {
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(), TestContext.Current.CancellationToken);
        var admin = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", recorder.Recorder.Users().Single(u => u.Login == "admin").Password);
        var content = new ByteArrayContent(System.Text.Encoding.GetEncoding(charset).GetBytes("flag&paused=true"));
        content.Headers.TryAddWithoutValidation("Content-Type", $"application/x-www-form-urlencoded; charset={charset}");

        var response = await admin.SendAsync(HttpMethod.Post, $"{LegacyClient.CouplesPath}/{TestWorlds.AgentsCouple}/pausedState", content);

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent, $"PSE-2: 'flag&paused=true' in {charset}");
        recorder.Recorder.Couples().Single(c => c.Couple.Id == TestWorlds.AgentsCouple).Paused.ShouldBeTrue();
    }

    private static List<KeyValuePair<string, string>> QueryPairs(string body)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var pair in new QueryStringEnumerable("?" + body))
        {
            pairs.Add(new(pair.DecodeName().ToString(), pair.DecodeValue().ToString()));
        }

        return pairs;
    }

    private static List<KeyValuePair<string, string>> FrameworkPairs(string body)
    {
        using var reader = new FormReader(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body)), System.Text.Encoding.UTF8);
        var pairs = new List<KeyValuePair<string, string>>();
        while (reader.ReadNextPair() is { } pair)
        {
            pairs.Add(pair);
        }

        return pairs;
    }
}
