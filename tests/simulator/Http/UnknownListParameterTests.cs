using System.Net;
using PauseResume.Simulator.Tests.Support;
using static PauseResume.Simulator.Tests.Support.TestWorlds;

namespace PauseResume.Simulator.Tests.Http;

/// <summary>Issue 9: a filter under a wrong name lists every call; the log says which names were ignored and why.</summary>
public sealed class UnknownListParameterTests
{
    [Fact]
    public async Task LST_3_The_log_names_each_ignored_parameter_and_says_the_real_recorder_ignores_it_too()
    {
        // Arrange
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var admin = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");

        // Act
        var response = await admin.ListAsync("number=10021&calledNumber=10011&phonenumber=1001&phoneNumber=1001");

        // Assert
        response.StatusCode.ShouldBe(HttpStatusCode.OK, "LST-3");
        var line = recorder.Log.Lines[^1];
        line.ShouldContain("ignored the unknown parameter(s) 'number', 'calledNumber', 'phonenumber', as the real recorder ignores them too", customMessage: line);
        line.ShouldContain("(LST-3: the filters are phoneNumber, phoneNumberDirection, ipAddress, ipAddressDirection)", customMessage: line);
        line.ShouldEndWith("(LST-5)", customMessage: line);
    }

    [Fact]
    public async Task LST_3_A_filter_name_in_another_case_filters_nothing_as_on_a_JAX_RS_server()
    {
        // Arrange
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var admin = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");

        // Act
        var listed = await Documents.ListAsync(await admin.ListAsync("phonenumber=no-such-number"));

        // Assert
        listed.Count.ShouldBe(3, "LST-3: @QueryParam names are case-sensitive, so every call is listed");
        recorder.Log.Lines[^1].ShouldContain("ignored the unknown parameter(s) 'phonenumber'", customMessage: recorder.Log.Lines[^1]);
    }

    [Fact]
    public async Task LST_3_A_list_with_only_its_own_filters_mentions_nothing_ignored()
    {
        // Arrange
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var admin = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");

        // Act
        await admin.ListAsync("phoneNumber=1001&phoneNumberDirection=CALLING&ipAddress=10.0.0.1&ipAddressDirection=BOTH");

        // Assert
        var line = recorder.Log.Lines[^1];
        line.ShouldNotContain("ignored", customMessage: line);
    }

    [Fact]
    public async Task LST_3_An_ignored_parameter_is_named_without_its_value()
    {
        // Arrange
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var admin = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");

        // Act
        await admin.ListAsync("password=Hunter2-secret");

        // Assert
        var line = recorder.Log.Lines[^1];
        line.ShouldContain("'password'", customMessage: line);
        line.ShouldNotContain("Hunter2-secret", customMessage: "only the name of an unknown parameter is logged: " + line);
    }
}
