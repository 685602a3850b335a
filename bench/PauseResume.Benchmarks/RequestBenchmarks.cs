using System.Net;
using System.Net.Mime;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using PauseResume.Simulator.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace PauseResume.Benchmarks;

/// <summary>
/// One request, the list filtered by a phone number, through <see cref="FakeRecorder"/> in-process (a real session,
/// the index lookup, the XML written, the audit noted), over TestHost and over the inline transport, against the same
/// request to WireMock.Net over loopback, answering a static stub of the same XML: the ratio is the point of using the
/// in-process recorder in tests.
/// </summary>
/// <remarks>
/// Fifteen warm-up iterations, not the short job's three: after three, WireMock.Net's path still ran code the runtime
/// had not yet compiled optimised, and measured four to five times its steady cost.
/// </remarks>
[MemoryDiagnoser]
[WarmupCount(15)]
[IterationCount(10)]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes in [GlobalCleanup]")]
public class RequestBenchmarks
{
    private FakeRecorder recorder = null!;
    private HttpClient inProcess = null!;
    private FakeRecorder inlineRecorder = null!;
    private HttpClient inline = null!;
    private string inlineCookie = string.Empty;
    private WireMockServer wireMock = null!;
    private HttpClient overLoopback = null!;
    private string cookie = string.Empty;
    private string filtered = string.Empty;

    [GlobalSetup]
    public void SetUp()
    {
        recorder = FakeRecorder.CreateBuilder().WithDefaultWorld().StartAsync().GetAwaiter().GetResult();
        inProcess = recorder.CreateClient();
        (cookie, filtered) = LoggedInSession.OpenAsync(inProcess).GetAwaiter().GetResult();
        var body = Get(inProcess, filtered, cookie).GetAwaiter().GetResult();
        inlineRecorder = FakeRecorder.CreateBuilder().WithDefaultWorld().WithTransport(FakeTransport.Inline).StartAsync().GetAwaiter().GetResult();
        inline = inlineRecorder.CreateClient();
        (inlineCookie, var inlineFiltered) = LoggedInSession.OpenAsync(inline).GetAwaiter().GetResult();
        if (inlineFiltered != filtered || Get(inline, filtered, inlineCookie).GetAwaiter().GetResult() != body)
        {
            throw new InvalidOperationException("the inline transport must answer the same XML as TestHost");
        }

        wireMock = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{FreePort()}"] });
        wireMock.Given(Request.Create().UsingGet())
            .RespondWith(Response.Create().WithStatusCode(HttpStatusCode.OK).WithHeader("Content-Type", MediaTypeNames.Application.Xml).WithBody(body));
        overLoopback = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = new Uri(wireMock.Urls[0]) };
        if (Get(overLoopback, filtered, cookie).GetAwaiter().GetResult() != body)
        {
            throw new InvalidOperationException("WireMock.Net must answer the same XML as the simulator");
        }
    }

    [GlobalCleanup]
    public void CleanUp()
    {
        overLoopback.Dispose();
        wireMock.Stop();
        wireMock.Dispose();
        inProcess.Dispose();
        recorder.Dispose();
        inline.Dispose();
        inlineRecorder.Dispose();
    }

    [Benchmark(Baseline = true)]
    public Task<string> WireMockOverLoopback() => Get(overLoopback, filtered, cookie);

    [Benchmark]
    public Task<string> FakeRecorderInProcess() => Get(inProcess, filtered, cookie);

    [Benchmark]
    public Task<string> FakeRecorderInline() => Get(inline, filtered, inlineCookie);

    private static async Task<string> Get(HttpClient client, string path, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request);
        return response.StatusCode == HttpStatusCode.OK
            ? await response.Content.ReadAsStringAsync()
            : throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}, not 200");
    }

    // WireMock.Net reads no bound port back, so the port is one the system just handed out and released.
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
