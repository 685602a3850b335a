using Microsoft.Extensions.Time.Testing;
using PauseResume.Simulator.Domain;

namespace PauseResume.Simulator.Tests.Domain;

/// <summary>Ended couples are kept with their pause history, but only the latest: a long run with traffic costs bounded memory.</summary>
public sealed class EndedCouplesTests
{
    [Fact]
    public void Only_the_latest_ended_couples_are_kept_and_the_older_ones_become_unknown()
    {
        // Arrange
        var recorder = new Recorder(World.Empty, new FakeTimeProvider(FakeRecorder.Epoch));
        var ids = new List<long>();
        for (var i = 0; i < Recorder.MaxEndedCouples + 3; i++)
        {
            ids.Add(recorder.StartCall(new NewCall("5550100", "10031")).Id);
        }

        var stillInProgress = recorder.StartCall(new NewCall("5550101", "10032")).Id;

        // Act
        foreach (var id in ids)
        {
            recorder.EndCall(id).ShouldBeTrue();
        }

        // Assert
        var kept = recorder.Couples(includeEnded: true);
        kept.Count.ShouldBe(Recorder.MaxEndedCouples + 1, "the latest ended couples and the one in progress, no more (LST-1: ended couples are no longer listed anyway)");
        ids.Take(3).ShouldAllBe(id => recorder.Find(id) == null, "the first to end are forgotten first");
        recorder.Find(ids[^1]).ShouldNotBeNull().InProgress.ShouldBeFalse();
        recorder.Find(stillInProgress).ShouldNotBeNull().InProgress.ShouldBeTrue("a couple in progress is never forgotten");
    }

    [Fact]
    public void A_reset_starts_the_count_of_ended_couples_again()
    {
        // Arrange
        var recorder = new Recorder(World.Empty, new FakeTimeProvider(FakeRecorder.Epoch));
        recorder.EndCall(recorder.StartCall(new NewCall("5550100", "10031")).Id);
        recorder.Reset(World.Empty);

        // Act
        var ids = Enumerable.Range(0, Recorder.MaxEndedCouples).Select(_ => recorder.StartCall(new NewCall("5550100", "10031")).Id).ToList();
        ids.ForEach(id => recorder.EndCall(id));

        // Assert
        ids.ShouldAllBe(id => recorder.Find(id) != null, "the couple ended before the reset no longer counts against the new ones");
    }
}
