using System.Net;
using System.Net.Mime;
using System.Net.Sockets;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace PauseResume.LoadRun;

/// <summary>The peer: WireMock.Net with one static stub of the same XML, on its default settings otherwise.</summary>
public static class WireMockPeer
{
    public static async Task<int> RunAsync(string bodyFile)
    {
        var body = await File.ReadAllTextAsync(bodyFile);
        var url = $"http://127.0.0.1:{FreePort()}";
        using var server = WireMockServer.Start(new WireMockServerSettings { Urls = [url] });
        server.Given(Request.Create().UsingGet())
            .RespondWith(Response.Create().WithStatusCode(HttpStatusCode.OK).WithHeader("Content-Type", MediaTypeNames.Application.Xml).WithBody(body));
        ChildServer.Announce(server.Urls[0]);

        // Serves until the load run ends this process.
        await Task.Delay(Timeout.Infinite);
        return 0;
    }

    // WireMock.Net reads no bound port back, so the port is one the system just handed out and released.
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
