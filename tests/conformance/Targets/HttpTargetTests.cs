using System.Net;
using System.Net.Sockets;
using System.Text;
using PauseResume.Conformance.Targets;

namespace PauseResume.Conformance.Tests.Targets;

/// <summary>How the kit connects to a target and tells the simulator from a real recorder.</summary>
public sealed class HttpTargetTests
{
    /// <summary>
    /// GEN-1 (inferred: an unknown path is a 404): a recorder behind a proxy may never answer a path it does not know. The
    /// kit asks the simulator's control API whether the target is the simulator, and such a recorder ended every run and
    /// probe with "did not answer in time" (exit 2), though its list had just answered. It is a real recorder to the kit.
    /// </summary>
    [Fact]
    public async Task GEN_1_A_recorder_that_never_answers_an_unknown_path_is_connected_to_as_a_real_recorder()
    {
        // Arrange: a server on loopback that answers the list 403 and leaves every other path unanswered
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var serving = ServeAsync(listener, stop.Token);
        var root = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");

        try
        {
            // Act
            var target = await HttpTarget.ConnectAsync(root, controlToken: null, TestContext.Current.CancellationToken);

            // Assert
            target.Control.ShouldBeNull("no control API answered: a real recorder");
        }
        finally
        {
            await stop.CancelAsync();
            listener.Stop();
            await serving;
        }
    }

    private static async Task ServeAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        var held = new List<TcpClient>();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(cancellationToken);
                held.Add(client);
                _ = AnswerAsync(client, cancellationToken);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The test is over.
        }
        finally
        {
            held.ForEach(c => c.Dispose());
        }
    }

    private static async Task AnswerAsync(TcpClient client, CancellationToken cancellationToken)
    {
        try
        {
            var stream = client.GetStream();
            var buffer = new byte[8192];
            var read = 0;
            while (!Encoding.ASCII.GetString(buffer, 0, read).Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken);
                if (n == 0)
                {
                    return;
                }

                read += n;
            }

            if (Encoding.ASCII.GetString(buffer, 0, read).StartsWith("GET /callrec/restful/couples.xml ", StringComparison.Ordinal))
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nContent-Length: 13\r\nConnection: close\r\n\r\nnot logged in"), cancellationToken);
                client.Dispose();
            }

            // Any other path: no answer, the connection held open.
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The test is over.
        }
    }
}
