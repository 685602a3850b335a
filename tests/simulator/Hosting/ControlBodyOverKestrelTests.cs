using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Simulator.Tests.Hosting;

/// <summary>Issue 8 saw a 10 MB control body answered 413 with an empty body and "unhandled exception" in the log, on Kestrel.</summary>
public sealed class ControlBodyOverKestrelTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task On_Kestrel_a_control_body_over_the_limit_is_413_with_a_message_and_no_unhandled_exception(bool chunked)
    {
        var cancel = TestContext.Current.CancellationToken;
        var log = new CapturedLog();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Logging.ClearProviders().AddProvider(log);
        builder.Services.AddRecorderSimulator(simulator => simulator.World = TestWorlds.Small());
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        app.MapRecorderSimulator();
        await app.StartAsync(cancel);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port, cancel);
        await using var stream = tcp.GetStream();
        var length = chunked ? "Transfer-Encoding: chunked" : $"Content-Length: {10 * 1024 * 1024}";
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"POST /simulator/calls HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n{length}\r\nConnection: close\r\n\r\n"), cancel);
        if (chunked)
        {
            // Just over the limit, so the server refuses while reading; it never waits for 10 MB.
            var size = (int)SimulatorOptions.MaxRequestBodyBytes + 1024;
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"{size:X}\r\n"), cancel);
            await stream.WriteAsync(Encoding.ASCII.GetBytes(new string('1', size)), cancel);
            await stream.WriteAsync("\r\n"u8.ToArray(), cancel);
        }

        var answer = await new StreamReader(stream, Encoding.ASCII).ReadToEndAsync(cancel);
        await app.StopAsync(cancel);

        answer.ShouldStartWith("HTTP/1.1 413");
        answer.ShouldContain($"the control API takes at most {SimulatorOptions.MaxRequestBodyBytes} bytes");
        log.Lines.ShouldNotContain(line => line.Contains("unhandled", StringComparison.OrdinalIgnoreCase), string.Join("\n", log.Lines));
    }
}
