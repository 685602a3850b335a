using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Simulator.Tests.Domain;

/// <summary>Scale: filtered lists use the indexes, so their cost does not grow with the number of couples.</summary>
[Collection(MemoryMeasurements.Name)]
public sealed class CoupleIndexTests
{
    private static readonly User Admin = new("admin", "pw", Permissions.CallList | Permissions.PauseAndResumeCalls);

    private static (Recorder Recorder, string Session) RecorderWith(int couples, RecorderProfile? profile = null)
    {
        var recorder = new Recorder(new World(0, profile ?? RecorderProfile.Default, [Admin], []), new Microsoft.Extensions.Time.Testing.FakeTimeProvider(FakeRecorder.Epoch));
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

    /// <summary>
    /// LST-4 (inferred): where the two filters are joined by "or" (filterJoin=or) a list holds the couples matching either,
    /// and finds them by the index as it finds one: the couple of the number and the couple of the address, not a scan.
    /// </summary>
    [Fact]
    public void LST_4_Filters_joined_by_or_examine_as_many_couples_with_100000_in_progress_as_with_ten()
    {
        var or = RecorderProfile.Default with { FilterJoin = FilterJoin.Or };
        var (small, smallSession) = RecorderWith(10, or);
        var (large, largeSession) = RecorderWith(100_000, or);
        CoupleFilter FilterFor(int phone, int ip) => new(Call(phone).CallingNumber, Side.Calling, Call(ip).CallingIp, Side.Calling);

        var fromSmall = small.List(smallSession, FilterFor(3, 7));
        var fromLarge = large.List(largeSession, FilterFor(33_333, 77_777));

        fromSmall.Couples.Count.ShouldBe(2);
        fromLarge.Couples.Select(c => c.Couple.CallingNumber).ShouldBe([Call(33_333).CallingNumber, Call(77_777).CallingNumber], ignoreOrder: true);
        fromLarge.Examined.ShouldBe(fromSmall.Examined, "the index hands over only the couples carrying either value");
        large.List(largeSession, FilterFor(33_333, 33_333)).Couples.ShouldHaveSingleItem("a couple matching both is listed once");
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

    [Fact]
    public void A_value_shared_by_many_couples_lists_each_of_them_until_each_has_ended()
    {
        // Arrange: one gateway IP and one called number on 1,000 couples, each with a calling number of its own
        var (recorder, session) = RecorderWith(0);
        var shared = Enumerable.Range(0, 1000).Select(i => recorder.StartCall(new NewCall($"777{i:D4}", "1000", "192.0.2.1", $"10.9.{i / 256}.{i % 256}"))).ToList();
        var alone = recorder.StartCall(new NewCall("5550199", "1001", "192.0.2.2", "10.9.99.99"));
        var byIp = new CoupleFilter(IpAddress: "192.0.2.1");
        var byNumber = new CoupleFilter(PhoneNumber: "1000", PhoneNumberSide: Side.Called);
        recorder.List(session, byIp).Couples.Count.ShouldBe(1000, "LST-4: every couple carrying the IP");

        // Act: all but the last end, in no particular order
        var ending = shared.OrderBy(c => (c.Id * 7919) % 1000).ToList();
        foreach (var couple in ending.SkipLast(1))
        {
            recorder.EndCall(couple).ShouldBeTrue();
        }

        // Assert
        recorder.List(session, byIp).Couples.ShouldHaveSingleItem().Couple.ShouldBe(ending[^1], "LST-7: ended couples leave the index, the one in progress stays");
        recorder.List(session, byNumber).Couples.ShouldHaveSingleItem().Couple.ShouldBe(ending[^1], "LST-4, by the shared called number");
        recorder.List(session, byIp).Examined.ShouldBe(1, "a value held by one couple again costs what one couple costs");
        recorder.EndCall(ending[^1]).ShouldBeTrue();
        recorder.List(session, byIp).Couples.ShouldBeEmpty("LST-7");
        recorder.List(session, new CoupleFilter(IpAddress: "192.0.2.2")).Couples.ShouldHaveSingleItem().Couple.ShouldBe(alone, "LST-4: another value is untouched");
    }

    [Fact]
    public void Couples_sharing_a_number_on_either_side_are_each_listed_once()
    {
        // Arrange: a number on both sides of one couple, and on one side of two others
        var (recorder, session) = RecorderWith(0);
        var both = recorder.StartCall(new NewCall("2000", "2000"));
        var calling = recorder.StartCall(new NewCall("2000", "3000"));
        var called = recorder.StartCall(new NewCall("4000", "2000"));

        // Act
        var listed = recorder.List(session, new CoupleFilter(PhoneNumber: "2000")).Couples.Select(c => c.Couple).ToList();
        recorder.EndCall(both).ShouldBeTrue();
        var afterEnd = recorder.List(session, new CoupleFilter(PhoneNumber: "2000")).Couples.Select(c => c.Couple).ToList();

        // Assert
        listed.ShouldBe([both, calling, called], "LST-4: each couple carrying the number on either side, once, in id order");
        afterEnd.ShouldBe([calling, called], "LST-7: only the ended couple leaves");
        recorder.List(session, new CoupleFilter(PhoneNumber: "2000", PhoneNumberSide: Side.Calling)).Couples.ShouldHaveSingleItem().Couple.ShouldBe(calling, "LST-4: the calling side only");
    }

    [Fact]
    public void A_reset_to_a_world_of_shared_values_indexes_it_anew()
    {
        // Arrange
        var (recorder, session) = RecorderWith(3);
        var calls = Enumerable.Range(0, 50).Select(i => new NewCall($"888{i:D3}", "1000", "192.0.2.7")).ToList();

        // Act
        recorder.Reset(new World(0, RecorderProfile.Default, [Admin], calls));
        session = recorder.Login("admin", "pw", true, null).SessionId;

        // Assert
        recorder.List(session, new CoupleFilter(IpAddress: "192.0.2.7")).Couples.Count.ShouldBe(50, "LST-4 after a reset");
        recorder.List(session, new CoupleFilter(PhoneNumber: Call(1).CallingNumber)).Couples.ShouldBeEmpty("the previous world's couples are gone");
    }

    private static long AllocatedBy(Action action)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
