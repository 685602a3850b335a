using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Simulator.Tests.Domain;

/// <summary>Scale: filtered lists use the indexes, so their cost does not grow with the number of couples.</summary>
[Collection(MemoryMeasurements.Name)]
public sealed class CoupleIndexTests
{
    private static readonly User Admin = new("admin", "pw", Permissions.CallList | Permissions.PauseAndResumeCalls);

    private static (Recorder Recorder, string Session) RecorderWith(int couples)
    {
        var recorder = new Recorder(new World(0, RecorderProfile.Default, [Admin], []), new Microsoft.Extensions.Time.Testing.FakeTimeProvider(FakeRecorder.Epoch));
        for (var i = 0; i < couples; i++)
        {
            recorder.StartCall(Call(i));
        }

        return (recorder, recorder.Login("admin", "pw", true, null).SessionId);
    }

    private static NewCall Call(int i) =>
        new($"555{i:D7}", $"1{i % 90000 + 10000}", $"10.{i / 65536 % 256}.{i / 256 % 256}.{i % 256}", "10.255.0.1", Direction.Incoming);

    [Theory]
    [InlineData("phoneNumber")]
    [InlineData("ipAddress")]
    [InlineData("both")]
    public void A_filtered_list_examines_as_many_couples_with_100000_in_progress_as_with_ten(string by)
    {
        var (small, smallSession) = RecorderWith(10);
        var (large, largeSession) = RecorderWith(100_000);
        CoupleFilter FilterFor(int i) => by switch
        {
            "phoneNumber" => new CoupleFilter(PhoneNumber: Call(i).CallingNumber),
            "ipAddress" => new CoupleFilter(IpAddress: Call(i).CallingIp, IpAddressSide: Side.Calling),
            _ => new CoupleFilter(Call(i).CallingNumber, Side.Both, Call(i).CallingIp, Side.Both),
        };

        var fromSmall = small.List(smallSession, FilterFor(7));
        var fromLarge = large.List(largeSession, FilterFor(77_777));

        fromSmall.Couples.ShouldHaveSingleItem();
        fromLarge.Couples.ShouldHaveSingleItem().Couple.CallingNumber.ShouldBe(Call(77_777).CallingNumber);
        fromLarge.Examined.ShouldBe(fromSmall.Examined, "the index hands over only the couples carrying the value");
    }

    [Fact]
    public void A_filtered_list_allocates_no_more_with_100000_couples_than_with_ten()
    {
        var (small, smallSession) = RecorderWith(10);
        var (large, largeSession) = RecorderWith(100_000);
        var smallFilter = new CoupleFilter(PhoneNumber: Call(3).CalledNumber);
        var largeFilter = new CoupleFilter(PhoneNumber: Call(99_003).CalledNumber);
        small.List(smallSession, smallFilter);
        large.List(largeSession, largeFilter); // warm up

        var smallBytes = AllocatedBy(() => small.List(smallSession, smallFilter));
        var largeBytes = AllocatedBy(() => large.List(largeSession, largeFilter));

        // Called number 1{i % 90000 + 10000} is shared by at most two couples among 100,000, so the work is alike.
        largeBytes.ShouldBeLessThan(smallBytes * 3 + 1024, $"small {smallBytes} B, large {largeBytes} B");
    }

    [Fact]
    public void Memory_per_couple_in_progress_stays_small()
    {
        const int Count = 100_000;
        var recorder = new Recorder(new World(0, RecorderProfile.Default, [Admin], []), new Microsoft.Extensions.Time.Testing.FakeTimeProvider(FakeRecorder.Epoch));
        var calls = Enumerable.Range(0, Count).Select(Call).ToArray(); // the strings are the caller's, not the recorder's
        var before = GC.GetTotalMemory(forceFullCollection: true);

        foreach (var call in calls)
        {
            recorder.StartCall(call);
        }

        var perCouple = (GC.GetTotalMemory(forceFullCollection: true) - before) / Count;
        GC.KeepAlive(recorder);
        perCouple.ShouldBeLessThan(1024, $"{perCouple} bytes per couple, with the indexes");
    }

    [Fact]
    public void Ended_couples_leave_the_indexes()
    {
        var (recorder, session) = RecorderWith(3);
        var filter = new CoupleFilter(PhoneNumber: Call(1).CallingNumber);

        recorder.EndCall(World.DefaultFirstCoupleId + 1).ShouldBeTrue();

        recorder.List(session, filter).Couples.ShouldBeEmpty("LST-7");
        recorder.List(session, filter).Examined.ShouldBe(0);
    }

    private static long AllocatedBy(Action action)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
