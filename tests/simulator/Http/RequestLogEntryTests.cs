using PauseResume.Simulator.Tests.Support;
using static PauseResume.Simulator.Tests.Support.TestWorlds;

namespace PauseResume.Simulator.Tests.Http;

/// <summary>Beside each log line, an entry keeps the same facts as fields, for a view that filters them.</summary>
public sealed class RequestLogEntryTests
{
    [Fact]
    public async Task A_refused_login_is_an_entry_with_its_rule_and_the_login_it_tried()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);

        await new LegacyClient(recorder.CreateClient()) { SendDummyCookie = false }.LoginAsync("agent", "agent-pw");

        var entry = recorder.Log.Entries.ShouldHaveSingleItem();
        entry.ShouldBe(entry with
        {
            Sequence = 1, Time = FakeRecorder.Epoch, Method = "POST", Path = "/callrec/loginAction.do", Status = 200, Rule = "SES-2", User = "agent",
        }, "SES-2: the login carried no cookie");
        recorder.Log.Lines.ShouldHaveSingleItem().ShouldContain(entry.Why);
    }

    [Fact]
    public async Task A_control_request_is_an_entry_without_a_rule_and_entries_are_numbered_in_order()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();

        await http.GetAsync("/simulator/calls", TestContext.Current.CancellationToken);
        await http.GetAsync("/callrec/restful/couples.xml?password=hunter2", TestContext.Current.CancellationToken);

        recorder.Log.Entries.Select(e => e.Sequence).ShouldBe([1, 2]);
        recorder.Log.Entries[0].Rule.ShouldBeNull();
        recorder.Log.Entries[1].Rule.ShouldBe("LST-2");
        recorder.Log.Entries[1].Path.ShouldBe("/callrec/restful/couples.xml?password=***", "the entry masks passwords as the line does");
    }
}
