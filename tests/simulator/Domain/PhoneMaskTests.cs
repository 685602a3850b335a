using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PauseResume.Simulator.Domain;

namespace PauseResume.Simulator.Tests.Domain;

public sealed class PhoneMaskTests
{
    [Theory]
    [InlineData("1001?", "10012", true)]
    [InlineData("1001?", "1001", false)]
    [InlineData("1001?", "100123", false)]
    [InlineData("6*", "6", true)]
    [InlineData("6*", "6001", true)]
    [InlineData("6*", "56001", false)]
    [InlineData("*1", "5551", true)]
    [InlineData("1?0*", "1203", true)]
    [InlineData("10021", "10021", true)]
    [InlineData("10021", "100210", false)]
    public void Question_mark_is_one_character_and_star_any_rest(string mask, string number, bool matches) =>
        PhoneMask.Matches(mask, number).ShouldBe(matches, $"{mask} vs {number}");

    private static readonly Arbitrary<string> Numbers =
        Gen.Elements("0123456789".ToCharArray()).NonEmptyListOf().Select(d => new string([.. d])).ToArbitrary();

    [Property]
    public Property A_number_matches_itself_and_every_prefix_of_it_followed_by_a_star() =>
        Prop.ForAll(Numbers, number =>
            PhoneMask.Matches(number, number)
            && Enumerable.Range(0, number.Length + 1).All(cut => PhoneMask.Matches(number[..cut] + "*", number)));

    [Property]
    public Property Question_marks_match_exactly_their_count_of_characters() =>
        Prop.ForAll(Numbers, Numbers, (number, other) =>
            PhoneMask.Matches(new string('?', other.Length), number) == (number.Length == other.Length));
}
