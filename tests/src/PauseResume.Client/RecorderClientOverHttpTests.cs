using System.Net.Http.Json;
using System.Text.Json;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Client.Tests;

/// <summary>
/// The client over real HTTP against the standalone simulator, started as the README says; its audit, read from the
/// control API, is clean at the end (the in-process tests get the same from <see cref="Support.AuditedRecorderTests"/>).
/// </summary>
public sealed class RecorderClientOverHttpTests
{
    [Fact]
    public async Task Hold_and_unhold_work_end_to_end_against_the_standalone_simulator()
    {
        await using var simulator = await StandaloneSimulator.StartAsync();
        using var control = new HttpClient { BaseAddress = simulator.Address };
        await using var client = RecorderClient.Create(simulator.Address);

        await client.LoginAsync("agent", "agent");
        var hold = await client.HoldAsync(CoupleQuery.ByPhone("10021"));
        var whileHeld = await control.GetFromJsonAsync<JsonElement>($"/simulator/calls/{hold.Changed.Single()}");
        var unhold = await client.UnholdAsync(CoupleQuery.ByPhone("10021"));
        var after = await control.GetFromJsonAsync<JsonElement>($"/simulator/calls/{hold.Changed.Single()}");
        await client.LogoutAsync();
        var audit = await control.GetFromJsonAsync<JsonElement>("/simulator/audit");

        whileHeld.GetProperty("paused").GetBoolean().ShouldBeTrue();
        unhold.Changed.ShouldBe(hold.Changed);
        after.GetProperty("paused").GetBoolean().ShouldBeFalse();
        after.GetProperty("pauseHistory")[0].GetProperty("pausedBy").GetString().ShouldBe("agent");
        client.User.ShouldBeNull();
        audit.GetProperty("clean").GetBoolean().ShouldBeTrue(audit.GetProperty("text").GetString());
    }
}
