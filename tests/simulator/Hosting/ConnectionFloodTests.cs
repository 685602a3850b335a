using System.Net;
using System.Net.Sockets;
using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Simulator.Tests.Hosting;

/// <summary>
/// GEN-3 under a flood of idle connections: the standalone server keeps open files for itself (Kestrel closes every
/// connection past a limit below the process's open-files limit), and answers again once the flood is over. A process
/// out of open files can no longer accept at all, nor open a file or map new code, and hangs or aborts.
/// </summary>
public sealed class ConnectionFloodTests
{
    [Theory]
    [InlineData("Max open files            1024                 1048576              files     ", 1024 - ConnectionLimit.Headroom)]
    [InlineData("Max open files            200                  4096                 files     ", ConnectionLimit.Least)]
    [InlineData("Max open files            unlimited            unlimited            files     ", null)]
    public void The_limit_is_the_soft_open_files_limit_less_the_headroom(string line, int? limit)
    {
        ConnectionLimit.FromLimits($"Limit                     Soft Limit           Hard Limit           Units     \nMax cpu time              unlimited            unlimited            seconds   \n{line}\n").ShouldBe((long?)limit);
        ConnectionLimit.FromLimits("no such line").ShouldBeNull();
    }

    [Fact]
    public async Task A_flood_of_idle_connections_leaves_the_server_open_files_and_it_answers_after()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the open-files limit is set with ulimit and read from /proc");
        const int openFiles = 600;
        await using var simulator = await StandaloneSimulator.StartWithOpenFilesAsync(openFiles);
        var sockets = new List<Socket>();
        int openDuring;
        try
        {
            for (var i = 0; i < openFiles + 200; i++)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                sockets.Add(socket);
                try
                {
                    await socket.ConnectAsync(IPAddress.Loopback, simulator.Address.Port, TestContext.Current.CancellationToken);
                }
                catch (SocketException)
                {
                    break; // the listener's queue is full: a refusal is as good an answer to a flood
                }
            }

            // Kestrel accepts the queued connections before it closes those past its limit: a moment at the limit, then
            // the files it keeps for itself are free again while the flood goes on (on a busy machine, a few seconds on).
            var settling = System.Diagnostics.Stopwatch.StartNew();
            do
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken);
                openDuring = Directory.GetFiles($"/proc/{simulator.ProcessId}/fd").Length;
            }
            while (openDuring >= openFiles - 32 && settling.Elapsed < TimeSpan.FromSeconds(20));
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }
        }

        openDuring.ShouldBeLessThan(openFiles - 32, "the server keeps open files for itself during the flood (a process out of them holds one less than its limit)");
        using var http = new HttpClient { BaseAddress = simulator.Address, Timeout = TimeSpan.FromSeconds(20) };
        var answer = await http.GetAsync("/callrec/restful/couples.xml", TestContext.Current.CancellationToken);
        answer.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "LST-2: answered again (not logged in)");
    }
}
