using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.AspNetCore.WebUtilities;
using PauseResume.Simulator.Http;

namespace PauseResume.Simulator.Tests.Http;

/// <summary>
/// A form body that needs no decoding is split without ASP.NET Core's form reader; the pairs must be the ones that reader
/// gives, since a servlet's form and the audit's are read from them (PSE-2, PSE-3).
/// </summary>
public sealed class PlainFormTests
{
    // The separators, characters a plain body may hold, and some it may not (each of which must send it to the reader).
    private static readonly Gen<string> Bodies =
        Gen.Elements("a", "b", "paused", "true", "=", "=", "&", "&", "-", ".", "~", "*", "'", "(", ";", "/", "?", "@", ":", "%41", "%", "+", " ", "é", "\t", "\0", "\"", "<", "#", "[", "\\")
            .ListOf().Select(parts => string.Concat(parts));

    private static readonly Gen<string> PlainBodies =
        Gen.Elements("a", "paused", "true", "=", "=", "&", "&", "-", "~", "*", "(", ";", "/", "?").ListOf().Select(parts => string.Concat(parts));

    [Property(MaxTest = 2000)]
    public Property PSE_2_A_plain_body_is_split_into_the_pairs_the_framework_reads() =>
        Prop.ForAll(PlainBodies.ToArbitrary(), body =>
        {
            var bytes = System.Text.Encoding.ASCII.GetBytes(body);
            var pairs = new List<KeyValuePair<string, string>>();

            return Parameters.TryPlainPairs(bytes, pairs) && pairs.SequenceEqual(FrameworkPairs(bytes));
        });

    [Property(MaxTest = 2000)]
    public Property A_body_is_split_into_the_pairs_the_framework_reads_or_left_to_it() =>
        Prop.ForAll(Bodies.ToArbitrary(), body =>
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(body);
            var pairs = new List<KeyValuePair<string, string>>();

            var plain = Parameters.TryPlainPairs(bytes, pairs);

            var needsDecoding = body.Any(c => c is '%' or '+' or ' ' or > '~' or < '!' or '"' or '<' or '>' or '#' or '[' or ']' or '\\' or '^' or '`' or '{' or '|' or '}');
            return plain == !needsDecoding && (!plain || pairs.SequenceEqual(FrameworkPairs(bytes)));
        });

    [Theory]
    [InlineData("paused=true", "paused", "true")]
    [InlineData("paused=true&paused=false", "paused", "true", "paused", "false")]
    [InlineData("&&paused&=x&a==b=", "&&paused&", "x", "a", "=b=")]
    [InlineData("x=1&=&y", "x", "1", "", "")]
    [InlineData("paused")]
    [InlineData("")]
    public void PSE_2_Plain_bodies_give_their_pairs_in_order_and_as_spelled(string body, params string[] expected)
    {
        var pairs = new List<KeyValuePair<string, string>>();

        Parameters.TryPlainPairs(System.Text.Encoding.ASCII.GetBytes(body), pairs).ShouldBeTrue();

        pairs.SelectMany(p => new[] { p.Key, p.Value }).ShouldBe(expected);
        pairs.ShouldBe(FrameworkPairs(System.Text.Encoding.ASCII.GetBytes(body)));
    }

    [Theory]
    [InlineData("paused=tr%75e")]
    [InlineData("paused=true+")]
    [InlineData("pa\u00fcsed=true")]
    public void PSE_2_A_body_with_escapes_or_other_characters_is_left_to_the_framework(string body)
    {
        var pairs = new List<KeyValuePair<string, string>>();

        Parameters.TryPlainPairs(System.Text.Encoding.UTF8.GetBytes(body), pairs).ShouldBeFalse();

        pairs.ShouldBeEmpty("nothing is added for a body left to the framework's reader");
    }

    private static List<KeyValuePair<string, string>> FrameworkPairs(byte[] body)
    {
        using var reader = new FormReader(new MemoryStream(body), System.Text.Encoding.UTF8);
        var pairs = new List<KeyValuePair<string, string>>();
        while (reader.ReadNextPair() is { } pair)
        {
            pairs.Add(pair);
        }

        return pairs;
    }
}
