using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Tests.Support;
using static PauseResume.Simulator.Tests.Support.TestWorlds;

namespace PauseResume.Simulator.Tests.Hosting;

/// <summary>
/// GEN-2, GEN-3: a method's name is case-sensitive, and routing matches it in any case. On Kestrel a <c>head</c> on the
/// list answered 500 (a body's length promised, none written), and a <c>post</c> paused a couple.
/// </summary>
public sealed class MethodCaseOverKestrelTests
{
    private const string CouplesPath = "/callrec/restful/couples.xml";

    [Theory]
    [InlineData("head", CouplesPath)]
    [InlineData("Head", "/callrec/restful/couples.xml/" + "{couple}")]
    [InlineData("get", CouplesPath)]
    [InlineData("post", "/callrec/restful/couples.xml/{couple}/pausedState")]
    [InlineData("Put", "/callrec/restful/couples.xml/{couple}/pausedState")]
    [InlineData("post", "/callrec/loginAction.do")]
    public async Task A_method_spelled_in_another_case_is_one_the_path_does_not_take(string method, string path)
    {
        // Arrange: a logged-in session, so the request would be served if the method were read in any case
        await using var simulator = await KestrelSimulator.StartAsync(Small());
        var admin = await LegacyClient.LoggedInAsync(simulator.Client, "admin", "secret");
        var target = path.Replace("{couple}", AgentsCouple.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        // Act
        var status = await RawAsync(simulator.Client.BaseAddress!, $"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: JSESSIONID={admin.SessionId}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 11\r\nConnection: close\r\n\r\npaused=true");

        // Assert
        status.ShouldBe(405, $"GEN-2: {method} is not a method {target} takes (methodNotAllowedStatus)");
        simulator.Services.GetRequiredService<Recorder>().Find(AgentsCouple)!.Paused.ShouldBeFalse("PSE-1: only a POST or PUT pauses");
    }

    /// <summary>Sends <paramref name="request"/> as written (an HttpClient may spell a known method its own way) and reads the status.</summary>
    private static async Task<int> RawAsync(Uri address, string request)
    {
        var cancel = TestContext.Current.CancellationToken;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port, cancel);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), cancel);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var statusLine = await reader.ReadLineAsync(cancel) ?? string.Empty;
        return int.Parse(statusLine.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
