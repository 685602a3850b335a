using PauseResume.Simulator.Audit;

namespace PauseResume.Simulator.Tests.Audit;

/// <summary>The runs a client's linked couples are kept in behave as a set of ids, however the ids come.</summary>
public sealed class LinkedIdsTests
{
    [Theory]
    [InlineData(1, 50)] // dense ids, as a world hands them out
    [InlineData(2, 5)]
    [InlineData(3, 100_000)] // sparse
    [InlineData(4, 3)]
    public void Adding_ids_in_any_order_answers_as_a_set_would(int seed, int spread)
    {
        var random = new Random(seed);
        var runs = new LinkedIds();
        var set = new HashSet<long>();
        for (var i = 0; i < 20_000; i++)
        {
            var id = random.Next(4) == 0 ? long.MaxValue - random.Next(spread) : 24_197 + random.Next(spread * 40);
            runs.Add(id).ShouldBe(set.Add(id), $"adding {id}");
            runs.Count.ShouldBe(set.Count);
        }

        for (var id = 24_190L; id < 24_197 + (spread * 40) + 10; id++)
        {
            runs.Contains(id).ShouldBe(set.Contains(id), $"{id}");
        }

        runs.Contains(long.MaxValue).ShouldBe(set.Contains(long.MaxValue));
        runs.Contains(long.MinValue).ShouldBeFalse();
    }

    [Fact]
    public void Ids_added_in_order_or_filling_a_gap_from_either_side_make_one_run()
    {
        var runs = new LinkedIds();
        for (var id = 100L; id < 10_100; id++)
        {
            runs.Add(id);
        }

        runs.Add(10_101);
        runs.Add(98);
        runs.Runs.ShouldBe(3);

        runs.Add(10_100).ShouldBeTrue();
        runs.Add(99).ShouldBeTrue();
        runs.Add(5_000).ShouldBeFalse();

        runs.Runs.ShouldBe(1, "10,000 couples listed in order, and the ids that fill the gaps, are one run");
        runs.Count.ShouldBe(10_004);
    }
}
