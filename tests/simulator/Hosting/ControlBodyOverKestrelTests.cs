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
        var length = chunked ? "Transfer-Encoding: chunked" : $"Content-Length: {10 * 1024 * 1024}";
        var (answer, log) = await SendAsync("/simulator/calls", length, async stream =>
        {
            if (chunked)
            {
                // Just over the limit, so the server refuses while reading; it never waits for 10 MB.
                var size = (int)SimulatorOptions.MaxRequestBodyBytes + 1024;
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"{size:X}\r\n"), cancel);
                await stream.WriteAsync(Encoding.ASCII.GetBytes(new string('1', size)), cancel);
                await stream.WriteAsync("\r\n"u8.ToArray(), cancel);
            }
        });

        answer.ShouldStartWith("HTTP/1.1 413");
        answer.ShouldContain($"the control API takes at most {SimulatorOptions.MaxRequestBodyBytes} bytes");
        log.ShouldNotContain(line => line.Contains("unhandled", StringComparison.OrdinalIgnoreCase), string.Join("\n", log));
    }

    /// <summary>
    /// GEN-3: a chunk size Kestrel cannot take (2 GiB and up) was a 500 with an empty body and a stack trace in the log from
    /// every control endpoint that reads a body (the legacy API answered 400).
    /// </summary>
    [Theory]
    [InlineData("/simulator/calls", "80000000")]
    [InlineData("/simulator/reset", "FFFFFFFFFFFF")]
    [InlineData("/simulator/users", "7FFFFFFFFFFFFFFF")]
    public async Task On_Kestrel_a_control_body_with_a_chunk_size_out_of_range_is_400_with_a_message(string path, string size)
    {
        var (answer, log) = await SendAsync(path, "Transfer-Encoding: chunked", stream => stream.WriteAsync(Encoding.ASCII.GetBytes($"{size}\r\n{{}}"), TestContext.Current.CancellationToken).AsTask());

        answer.ShouldStartWith("HTTP/1.1 400", customMessage: answer);
        answer.ShouldContain("the body could not be read", customMessage: answer);
        log.ShouldNotContain(line => line.Contains("unhandled", StringComparison.OrdinalIgnoreCase), string.Join("\n", log));
    }

    /// <summary>Sends a POST with <paramref name="length"/> as its framing header and <paramref name="body"/>'s bytes over a socket to a simulator on Kestrel; its answer and the log.</summary>
    private static async Task<(string Answer, IReadOnlyList<string> Log)> SendAsync(string path, string length, Func<Stream, Task> body)
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
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n{length}\r\nConnection: close\r\n\r\n"), cancel);
        await body(stream);
        var answer = await new StreamReader(stream, Encoding.ASCII).ReadToEndAsync(cancel);
        await app.StopAsync(cancel);
        return (answer, log.Lines);
    }
}
