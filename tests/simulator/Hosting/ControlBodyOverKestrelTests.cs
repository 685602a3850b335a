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

    /// <summary>
    /// Finding 6 of attack 17: bodies that could not be read were answered in the framework's words ("Request body too
    /// large. The max request body size is 1048576 bytes.", "Unexpected end of Stream, the content may have already been
    /// read by another component.", "Invalid request header: ''"). Each is now a plain sentence of the simulator's; a form
    /// too large for pausedState stays a 400 (PSE-2: the rules give pausedState no 413).
    /// </summary>
    [Theory]
    [InlineData("form too large", "HTTP/1.1 400", "the form body could not be read: it is over the 1048576 bytes this server reads (PSE-2)")]
    [InlineData("multipart cut short", "HTTP/1.1 400", "the form body could not be read: it stops short: shorter than its Content-Length, or a multipart body without its closing boundary (PSE-2)")]
    [InlineData("trailer without a colon", "HTTP/1.1 400", "the body could not be read: " + BodyProblemFraming)]
    public async Task A_body_that_cannot_be_read_is_answered_in_plain_words(string body, string status, string says)
    {
        const string Multipart = "--XX\r\nContent-Disposition: form-data; name=\"paused\"\r\n\r\ntrue\r\n";
        var (answer, _) = body switch
        {
            "form too large" => await SendAsync(PausedState, "Content-Length: 2000000", _ => Task.CompletedTask, "application/x-www-form-urlencoded", AdminCookieAsync),
            "multipart cut short" => await SendAsync(PausedState, $"Content-Length: {Multipart.Length}", Write(Multipart), "multipart/form-data; boundary=XX", AdminCookieAsync),
            _ => await SendAsync("/simulator/calls", "Transfer-Encoding: chunked", Write("2\r\n{}\r\n0\r\nbad trailer\r\n\r\n")),
        };

        answer.ShouldStartWith(status, customMessage: answer);
        answer.ShouldEndWith(says + "\n", customMessage: answer);
    }

    private const string PausedState = "/callrec/restful/couples.xml/24197/pausedState";

    private const string BodyProblemFraming = "its chunked framing is malformed (a chunk size or trailer that cannot be read, or the body cut short)";

    private static Func<Stream, Task> Write(string text) => stream => stream.WriteAsync(Encoding.ASCII.GetBytes(text), TestContext.Current.CancellationToken).AsTask();

    /// <summary>A Cookie header line of a session logged in as admin, who may pause every couple of the small world.</summary>
    private static async Task<string> AdminCookieAsync(Uri address)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = address };
        using var login = new HttpRequestMessage(HttpMethod.Post, "/callrec/loginAction.do") { Content = new FormUrlEncodedContent([new("login", "admin"), new("password", "secret")]) };
        login.Headers.Add("Cookie", "x=1");
        using var answer = await http.SendAsync(login, TestContext.Current.CancellationToken);
        return $"Cookie: {answer.Headers.GetValues("Set-Cookie").Single().Split(';')[0]}\r\n";
    }

    /// <summary>Sends a POST with <paramref name="length"/> as its framing header and <paramref name="body"/>'s bytes over a socket to a simulator on Kestrel; its answer and the log.</summary>
    /// <param name="session">The header lines of a session, made once the simulator listens at the address given.</param>
    private static async Task<(string Answer, IReadOnlyList<string> Log)> SendAsync(
        string path, string length, Func<Stream, Task> body, string contentType = "application/json", Func<Uri, Task<string>>? session = null)
    {
        var cancel = TestContext.Current.CancellationToken;
        var log = new CapturingLoggerProvider();
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
        var cookie = session is null ? string.Empty : await session(address);
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {contentType}\r\n{cookie}{length}\r\nConnection: close\r\n\r\n"), cancel);
        await body(stream);
        var answer = await new StreamReader(stream, Encoding.ASCII).ReadToEndAsync(cancel);
        await app.StopAsync(cancel);
        return (answer, log.Messages);
    }
}
