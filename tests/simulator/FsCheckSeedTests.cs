using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;

namespace PauseResume.Simulator.Tests;

/// <summary>Every property here runs through [Property] or QuickCheckThrowOnFailure; both must name the seed that replays a failure.</summary>
public sealed partial class FsCheckSeedTests
{
    [Fact]
    public void A_failing_property_names_the_seed_that_replays_it()
    {
        var failure = Should.Throw<Exception>(() => Prop.ForAll(Gen.Choose(0, 100).ToArbitrary(), i => i < 50).QuickCheckThrowOnFailure());

        Seed().IsMatch(failure.Message).ShouldBeTrue($"the failure names its seed: {failure.Message}");
    }

    [Fact]
    public void A_failing_async_property_names_the_seed_that_replays_it()
    {
        var failure = Should.Throw<Exception>(() =>
            Prop.ForAll(Gen.Choose(0, 100).ToArbitrary(), async i =>
            {
                await Task.Yield();
                return i < 50;
            }).QuickCheckThrowOnFailure());

        Seed().IsMatch(failure.Message).ShouldBeTrue($"the failure names its seed: {failure.Message}");
    }

    [GeneratedRegex(@"\(\d+,\s*\d+\)")]
    private static partial Regex Seed();
}
