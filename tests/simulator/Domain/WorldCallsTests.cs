using Microsoft.Extensions.Time.Testing;
using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Json;

namespace PauseResume.Simulator.Tests.Domain;

/// <summary>The couples a recorder starts from its world's calls: a world file's, kept as rows, alike to calls given in code.</summary>
public sealed class WorldCallsTests
{
    private static readonly User Admin = new("admin", "admin", Permissions.CallList | Permissions.PauseAndResumeCalls);

    [Fact]
    public void A_world_files_calls_start_the_couples_the_same_calls_given_in_code_start()
    {
        // Arrange: more calls than one block of rows, and than a world whose tables are filled one by one; some joining a
        // call by its id, one with a start of its own
        var start = FakeRecorder.Epoch.AddHours(-1);
        var calls = Enumerable.Range(0, CoupleIndex.FillInParallelFrom + 1_000).Select(i => new NewCall(
            $"+42{i:D7}", $"{i % 97}", i % 3 == 0 ? null : $"10.0.{i / 256}.{i % 256}", i % 5 == 0 ? "192.0.2.1" : null,
            (Direction)(i % 4), (CoupleType)(i % 3), CallId: i % 700 == 1 ? 9_000 + i : null, Start: i == 1_500 ? start : null)).ToList();
        var file = WorldJson.Read(WorldFile(calls), "w.json");
        file.Error.ShouldBeNull();

        // Act
        var fromFile = new Recorder(file.Value!, new FakeTimeProvider(FakeRecorder.Epoch));
        var fromCode = new Recorder(new World(0, RecorderProfile.Default, [Admin], calls), new FakeTimeProvider(FakeRecorder.Epoch));

        // Assert
        file.Value!.Calls.ShouldBe(calls, "a world file's calls read back as written, across blocks of rows");
        fromFile.Couples().Select(c => c.Couple).ShouldBe(fromCode.Couples().Select(c => c.Couple), "the rows start the couples NewCalls start (ids, call ids, starts, values)");
        fromFile.Couples()[1_500].Couple.Start.ShouldBe(start);
        fromFile.Couples()[1].Couple.CallId.ShouldBe(9_001, "a call that names its callId joins that call");
        var session = fromFile.Login(Admin.Login, Admin.Password, requestCarriedCookie: true, null).SessionId;
        fromFile.List(session, new CoupleFilter(IpAddress: "192.0.2.1")).Couples.Count.ShouldBe(calls.Count(c => c.CalledIp == "192.0.2.1"), "LST-4: the index holds every couple of a shared IP");
        fromFile.List(session, new CoupleFilter(PhoneNumber: calls[4_321].CallingNumber)).Couples.ShouldHaveSingleItem().Couple.Id.ShouldBe(World.DefaultFirstCoupleId + 4_321);
    }

    [Fact]
    public void A_large_world_leaves_the_index_as_starting_its_calls_one_by_one_does()
    {
        // Arrange: a world large enough for its tables to be filled side by side, against the same calls started singly
        var calls = Enumerable.Range(0, CoupleIndex.FillInParallelFrom * 2).Select(i => new NewCall($"{i % 3_000}", $"{i}", $"10.0.0.{i % 7}", null, Direction.Incoming)).ToList();
        var atOnce = new Recorder(new World(0, RecorderProfile.Default, [Admin], calls), new FakeTimeProvider(FakeRecorder.Epoch));
        var singly = new Recorder(new World(0, RecorderProfile.Default, [Admin], []), new FakeTimeProvider(FakeRecorder.Epoch));
        calls.ForEach(c => singly.StartCall(c));

        // Act: lists that the index answers, and the end of a couple that shares its values with others
        atOnce.EndCall(World.DefaultFirstCoupleId + 5).ShouldBeTrue();
        singly.EndCall(World.DefaultFirstCoupleId + 5).ShouldBeTrue();

        // Assert
        foreach (var filter in new[] { new CoupleFilter(PhoneNumber: "5"), new CoupleFilter(IpAddress: "10.0.0.5"), new CoupleFilter(PhoneNumber: "7000") })
        {
            Listed(atOnce, filter).ShouldBe(Listed(singly, filter), $"LST-4: {filter}");
        }

        Listed(atOnce, new CoupleFilter(IpAddress: "10.0.0.5")).Count.ShouldBe(calls.Count(c => c.CallingIp == "10.0.0.5") - 1);
    }

    [Fact]
    public void A_world_couple_first_paused_or_ended_long_after_the_start_keeps_its_history_as_any_other()
    {
        // Arrange: couples that nothing touched since the reset (their record made only when needed)
        var time = new FakeTimeProvider(FakeRecorder.Epoch);
        var recorder = new Recorder(new World(0, RecorderProfile.Default, [Admin], [new NewCall("1", "2"), new NewCall("3", "4"), new NewCall("5", "6")]), time);
        var session = recorder.Login(Admin.Login, Admin.Password, requestCarriedCookie: true, null).SessionId;
        var (paused, ended, untouched) = (World.DefaultFirstCoupleId, World.DefaultFirstCoupleId + 1, World.DefaultFirstCoupleId + 2);
        var before = recorder.Find(untouched);

        // Act
        time.Advance(TimeSpan.FromMinutes(1));
        recorder.SetPaused(session, paused, true).Changed.ShouldBeTrue("PSE-1");
        recorder.SetPaused(session, paused, true).Changed.ShouldBeFalse("PSE-3: pausing a paused couple changes nothing");
        recorder.EndCall(ended).ShouldBeTrue();
        recorder.EndCall(ended).ShouldBeFalse("an ended couple ends once");

        // Assert
        recorder.Find(paused)!.History.ShouldHaveSingleItem().PausedAt.ShouldBe(FakeRecorder.Epoch.AddMinutes(1));
        recorder.Find(ended)!.EndedAt.ShouldBe(FakeRecorder.Epoch.AddMinutes(1));
        recorder.Find(untouched).ShouldBeEquivalentTo(before);
        recorder.Find(untouched)!.History.ShouldBeEmpty();
        recorder.Details(session, ended).Access.ShouldBe(Access.UnknownCouple, "DET-2: an ended couple is not in progress");
        recorder.Details(session, untouched).Access.ShouldBe(Access.Granted);
        recorder.Couples().Select(c => c.Couple.Id).ShouldBe([paused, untouched]);
        recorder.Couples(includeEnded: true).Select(c => c.Couple.Id).ShouldBe([paused, ended, untouched]);
        recorder.List(session, CoupleFilter.None).Couples.Select(c => c.Couple.Id).ShouldBe([paused, untouched], "LST-1: couples in progress only");
    }

    private static List<long> Listed(Recorder recorder, CoupleFilter filter)
    {
        var session = recorder.Login(Admin.Login, Admin.Password, requestCarriedCookie: true, null).SessionId;
        return recorder.List(session, filter).Couples.Select(c => c.Couple.Id).ToList();
    }

    [Fact]
    public void A_reset_starts_every_call_of_its_world_at_one_time_the_resets()
    {
        // Arrange: a clock that moves on at each reading, as a real one does during a long reset
        var time = new FakeTimeProvider(FakeRecorder.Epoch) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };
        var own = FakeRecorder.Epoch.AddMinutes(-5);
        var file = WorldJson.Read(WorldFile([new NewCall("1", "2"), new NewCall("3", "4"), new NewCall("5", "6", Start: own)]), "w.json").Value!;
        var code = new World(0, RecorderProfile.Default, [], [new NewCall("1", "2"), new NewCall("3", "4")]);

        // Act
        var recorder = new Recorder(file, time);
        var fromFile = recorder.Couples().Select(c => c.Couple.Start).ToList();
        recorder.Reset(code);
        var fromCode = recorder.Couples().Select(c => c.Couple.Start).ToList();

        // Assert: the world's calls are all in progress when the reset is done, none started before another
        fromFile[0].ShouldBe(fromFile[1], "the calls of a world file start together");
        fromFile[2].ShouldBe(own, "a call with a start of its own keeps it");
        fromCode.Distinct().ShouldHaveSingleItem("the calls given in code start together too");
        fromCode[0].ShouldBeGreaterThan(fromFile[0], "each reset reads the clock");
    }

    [Fact]
    public void A_row_outside_the_world_files_calls_is_refused()
    {
        var calls = (CallColumns)WorldJson.Read(WorldFile([new NewCall("1", "2")]), "w.json").Value!.Calls;

        Should.Throw<ArgumentOutOfRangeException>(() => calls.RowAt(1));
        Should.Throw<ArgumentOutOfRangeException>(() => calls.RowAt(-1));
        calls.RowAt(0).CallingNumber.ShouldBe("1");
    }

    private static string WorldFile(IReadOnlyList<NewCall> calls) =>
        System.Text.Json.JsonSerializer.Serialize(
            new Dictionary<string, object?>
            {
                ["users"] = new List<object?> { new Dictionary<string, object?> { ["login"] = Admin.Login, ["password"] = Admin.Password, ["permissions"] = WireNames.Of(Admin.Permissions).ToList() } },
                ["calls"] = calls.Select(c => WithoutNulls(new Dictionary<string, object?>
                {
                    ["callingNumber"] = c.CallingNumber,
                    ["calledNumber"] = c.CalledNumber,
                    ["callingIp"] = c.CallingIp,
                    ["calledIp"] = c.CalledIp,
                    ["direction"] = WireNames.Of(c.Direction),
                    ["coupleType"] = WireNames.Of(c.Type),
                    ["callId"] = c.CallId,
                    ["start"] = c.Start,
                })).ToList(),
            },
            Support.TestJsonContext.Default.DictionaryStringObject);

    // A part left out, as a hand-written file leaves it, rather than written as null: the reader's quick form.
    private static Dictionary<string, object?> WithoutNulls(Dictionary<string, object?> call) =>
        call.Where(p => p.Value is not null).ToDictionary();
}
