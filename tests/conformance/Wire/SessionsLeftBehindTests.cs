using PauseResume.Conformance.Model;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Targets;

namespace PauseResume.Conformance.Tests.Wire;

/// <summary>
/// SES-4, SES-5: the sessions the clean-up logs out, so a scenario leaves none logged in behind it. Under
/// sessionsPerUser=first-wins one left behind refuses every later login of its user until it expires.
/// </summary>
public sealed class SessionsLeftBehindTests
{
    /// <summary>
    /// Under loginSessionId=kept with a logout that keeps the id (logoutSession=logged-out), a login after a logout logs
    /// the same id in again; the wire counted it logged out for good, and a slot that then went on with another id left it
    /// logged in (an independent recorder refused that user's logins for the rest of a comparison).
    /// </summary>
    [Fact]
    public async Task SES_5_An_id_logged_in_again_after_its_logout_is_one_to_log_out_again()
    {
        // Arrange
        await using var target = new InProcessTarget();
        var recorder = KitProfile.Default.With(ProfileSettings.LoginSessionId, "kept").Profile!.With(ProfileSettings.LogoutSession, "logged-out").Profile!;
        target.Control!.ServerProfile = ProfileJson.Write(recorder with { Name = "recorder" });
        var admin = new ModelUser("admin", "admin", true, true, []);
        await target.Control.ResetAsync(new PauseResume.Conformance.Scenarios.WorldSpec(1, [admin], []), TestContext.Current.CancellationToken);
        using var http = target.CreateClient();
        var wire = new PauseResume.Conformance.Wire.Wire(http, TimeSpan.Zero, TimeProvider.System);
        await wire.LoginAsync(0, admin, TestContext.Current.CancellationToken);
        var id = wire.SessionOf(0);
        await wire.LogoutAsync(0, TestContext.Current.CancellationToken);

        // Act: the same id logged in again, then the slot goes on with another
        await wire.LoginAsync(0, admin, TestContext.Current.CancellationToken);
        var again = wire.SessionOf(0);
        var listed = await wire.SendAsync(0, HttpMethod.Get, "callrec/restful/couples.xml", cancellationToken: TestContext.Current.CancellationToken);
        wire.UseSession(0, null);

        // Assert
        (again, listed.Status).ShouldBe((id, 200), "loginSessionId=kept: the login took the id the logout kept");
        wire.NotLoggedOut.ShouldContain(id!, "it is logged in again");
    }
}
