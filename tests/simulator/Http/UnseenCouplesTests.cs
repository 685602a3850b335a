using System.Xml.Linq;
using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Tests.Support;
using static PauseResume.Simulator.Tests.Support.TestWorlds;

namespace PauseResume.Simulator.Tests.Http;

/// <summary>
/// The profile setting unseenCouples (LST-5): a couple outside a user's phone masks carries no self link (documented);
/// whether it is listed at all is inferred.
/// </summary>
public sealed class UnseenCouplesTests
{
    [Theory]
    [InlineData(null, "agent", "24197 24198- 24199")]
    [InlineData("unseenCouples=listed", "agent", "24197 24198- 24199")]
    [InlineData("unseenCouples=omitted", "agent", "24197 24199")]
    [InlineData("unseenCouples=omitted", "admin", "24197 24198 24199")]
    public async Task LST_5_A_couple_outside_the_users_masks_is_listed_without_a_link_or_left_out(string? setting, string login, string expected)
    {
        // Arrange: agent's masks (1001?) match 24197 and 24199, not 24198; admin has none
        await using var recorder = await FakeRecorder.StartAsync(Small(Profiles.With(setting)), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), login, recorder.Recorder.Users().Single(u => u.Login == login).Password);

        // Act
        var list = XDocument.Parse(await (await client.ListAsync()).Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        // Assert: each listed id, '-' after one without a self link
        string.Join(" ", list.Root!.Elements("couples").Select(c => (string)c.Attribute("id")! + (c.Elements().Any(l => l.Name.LocalName == "link") ? string.Empty : "-")))
            .ShouldBe(expected, $"LST-5 under {setting ?? "the default profile"}");
    }

    [Fact]
    public async Task LST_5_A_filtered_list_leaves_out_an_unseen_couple_that_matches_the_filter()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(Profiles.With("unseenCouples=omitted")), TestContext.Current.CancellationToken);
        var agent = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "agent", Agent.Password);

        var list = XDocument.Parse(await (await agent.ListAsync("phoneNumber=10031")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        // 24198 and 24199 both have 10031; agent may see only 24199
        list.Root!.Elements("couples").Select(c => (string)c.Attribute("id")!).ShouldBe(["24199"], "LST-3, LST-5");
    }
}
