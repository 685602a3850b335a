using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Http;
using PauseResume.Simulator.Json;

namespace PauseResume.Simulator.Tests.Json;

/// <summary>
/// The generated JSON context against the reflection-based options it replaced: the same text for every answer, and
/// the same mistakes for bad bodies (the control API turns the serializer's messages into its own, so a different
/// message would be a different answer).
/// </summary>
public sealed class SimulatorJsonContextTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 9, 15, 0, 250, TimeSpan.Zero);

    // What JsonDefaults.Options was before the context: the tests run with reflection off, so the resolver is named.
    private static readonly JsonSerializerOptions Reflection = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    private static SimulatorJsonContext Types => SimulatorJsonContext.Default;

    [Fact]
    public void Every_answer_is_written_as_the_reflection_based_options_wrote_it()
    {
        var paused = new PauseInterval(At, "agent", "S1");
        var resumed = new PauseInterval(At, "agent", "S1", At.AddSeconds(3), "monitor é+<", "S2");
        var couple = new CoupleJson(24197, 24142, At, "+42 555", "10012", "10.0.0.5", null, "INCOMING", "NORMAL", true, null, true, true, true, [resumed, paused])
        {
            PauseHistoryForgotten = 2,
        };
        var user = new UserJson("agent", null, ["CallList"], ["1001?"]);
        var fault = new FaultJson("down", "status", Path: "/callrec/*", Status: 503, Probability: 0.5, Injected: 3, Active: true, Until: At);
        var traffic = new TrafficJson(true, 7, 600.5, 180, 0.3, 40, new CallMixJson(0.6, 0.3, 0.1), 0.05, 0.01, [1, 0.5], 10, 4);
        var audit = new AuditJson(false, 3, 0, [new AuditFindingJson("name", "SES-2", "S…", null, "risk", [new AuditRequestJson("POST", "/callrec/loginAction.do?password=***", 200, "SES-1")])], "text\n");
        var state = new DashboardStateJson(5, At, [new DashboardCoupleJson(24197, 24142, At, "1", "2", null, "10.0.1.1", "OUTGOING", "CONF", "paused", "paused", [new DashboardPauseJson(At, "agent", null, null)])], 1, [new DashboardSessionJson("AB…", "agent", At)], 1);
        List<RequestLogEntry> log = [new RequestLogEntry(1, At, "GET", "/callrec/restful/couples.xml", 200, "LST-1", "agent", "listed 1")];

        Same([couple], Types.ListCoupleJson);
        Same(couple, Types.CoupleJson);
        Same([user], Types.ListUserJson);
        Same(new ResetJson(2, 7, "default"), Types.ResetJson);
        Same(new Dictionary<string, string> { ["name"] = "default", ["sessionIdleTimeout"] = "1800" }, Types.DictionaryStringString);
        Same(["GET /simulator/calls 200"], Types.ListString);
        Same(audit, Types.AuditJson);
        Same(new ClockJson("scaled", 60, At), Types.ClockJson);
        Same(traffic, Types.TrafficJson);
        Same([fault], Types.ListFaultJson);
        Same(new DashboardSnapshotJson(state, log), Types.DashboardSnapshotJson, "the dashboard's snapshot, written before as an anonymous { state, log }");
        Same<IReadOnlyList<RequestLogEntry>>(log, Types.IReadOnlyListRequestLogEntry);
    }

    [Theory]
    [InlineData("""{"callingNumber":"1","calledNumber":"2","colour":"red"}""")]
    [InlineData("""{"callingNumber":1}""")]
    [InlineData("""{"callingNumber":"1",""")]
    [InlineData("""[1]""")]
    [InlineData("""{"callId":"x"}""")]
    [InlineData("""{"start":"yesterday"}""")]
    public void A_bad_call_body_fails_with_the_message_the_reflection_based_options_gave(string body) =>
        SameFailure(body, Types.CallJson);

    [Theory]
    [InlineData("""{"name":"x","kind":"status","status":true}""")]
    [InlineData("""{"name":"x","kinds":"status"}""")]
    [InlineData("""{"mix":{"incoming":1}}""")]
    public void A_bad_fault_body_fails_with_the_message_the_reflection_based_options_gave(string body) =>
        SameFailure(body, Types.FaultJson);

    [Theory]
    [InlineData("""{"mix":{"incoming":1,"outbound":2}}""")]
    [InlineData("""{"dailyCurve":[1,"x"]}""")]
    [InlineData("""{"running":"yes"}""")]
    public void A_bad_traffic_body_fails_with_the_message_the_reflection_based_options_gave(string body) =>
        SameFailure(body, Types.TrafficChangeJson);

    [Theory]
    [InlineData("""[{"login":"a","password":"b","permissions":[1]}]""")]
    [InlineData("""[{"login":"a","phoneMask":["1"]}]""")]
    public void A_bad_users_part_fails_with_the_message_the_reflection_based_options_gave(string body) =>
        SameFailure(body, Types.IReadOnlyListUserJson);

    private static void Same<T>(T value, JsonTypeInfo<T> generated, string? what = null) =>
        JsonSerializer.Serialize(value, generated).ShouldBe(
            JsonSerializer.Serialize(value, (JsonTypeInfo<T>)Reflection.GetTypeInfo(typeof(T))),
            $"{what ?? typeof(T).Name}: the control API's answers keep their exact text");

    private static void SameFailure<T>(string body, JsonTypeInfo<T> generated)
    {
        var expected = Should.Throw<JsonException>(() => JsonSerializer.Deserialize(body, (JsonTypeInfo<T>)Reflection.GetTypeInfo(typeof(T))));

        var actual = Should.Throw<JsonException>(() => JsonSerializer.Deserialize(body, generated));

        (actual.Message, actual.Path, actual.LineNumber, actual.BytePositionInLine).ShouldBe(
            (expected.Message, expected.Path, expected.LineNumber, expected.BytePositionInLine),
            "a bad body's message names the same member and place as before");
    }
}
