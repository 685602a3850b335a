using System.Diagnostics;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Scenarios;
using PauseResume.Conformance.Targets;

namespace PauseResume.Conformance.Tests.Wire;

/// <summary>
/// A failure's reproduction script replays its requests with curl. A details read there showed only its status, where
/// the kit judges what the details show (DET-2 on the pausedState link, PSE-1 on paused): a reader of a DET-2 verdict
/// could not see the link it rests on.
/// </summary>
public sealed class CurlScriptTests
{
    [Fact]
    public async Task A_details_read_shows_its_paused_state_and_pausedState_link_in_the_script_and_in_what_it_prints()
    {
        // Arrange: a login and a read of a couple's details, as the kit sends them
        ModelUser[] accounts = [new("admin", "admin", true, true, [])];
        await using var target = new InProcessTarget();
        var id = (await target.Control!.ResetAsync(new WorldSpec(1, [.. accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken)).Single().Id;
        using var http = target.CreateClient();
        var wire = new PauseResume.Conformance.Wire.Wire(http, TimeSpan.Zero, TimeProvider.System);
        await wire.LoginAsync(0, accounts[0], TestContext.Current.CancellationToken);
        var details = await wire.SendAsync(0, HttpMethod.Get, $"callrec/restful/couples.xml/{id}", cancellationToken: TestContext.Current.CancellationToken);

        // Act
        var script = PauseResume.Conformance.Wire.CurlScript.From(wire.Transcript, http.BaseAddress!, null);
        var line = script.Split('\n').Single(l => l.Contains($"/callrec/restful/couples.xml/{id}'", StringComparison.Ordinal));
        var shown = await ThroughAsync(line, "HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\n\r\n" + details.Body);

        // Assert
        line.ShouldEndWith("# got 200, paused false, a pausedState link");
        shown.Length.ShouldBe(3, string.Join("\n", shown));
        shown[0].ShouldBe("HTTP/1.1 200");
        shown.ShouldContain("<paused>false</paused>");
        shown.ShouldContain(s => s.StartsWith('<') && s.EndsWith('>') && s.Contains($"couples.xml/{id}/pausedState\"", StringComparison.Ordinal) && s.Contains("rel=\"pausedState\"", StringComparison.Ordinal));
    }

    /// <summary>What the script's <paramref name="line"/> prints where its curl answers <paramref name="answer"/>.</summary>
    private static async Task<string[]> ThroughAsync(string line, string answer)
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, answer, TestContext.Current.CancellationToken);
            var pipe = line[line.IndexOf(" | ", StringComparison.Ordinal)..line.IndexOf("   # ", StringComparison.Ordinal)];
            var bash = new ProcessStartInfo("bash", ["-c", $"cat '{path}'{pipe}"]) { RedirectStandardOutput = true };
            using var process = Process.Start(bash)!;
            var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
