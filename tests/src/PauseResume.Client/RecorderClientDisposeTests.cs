using PauseResume.Simulator.Hosting;
using PauseResume.Client.Tests.Support;

namespace PauseResume.Client.Tests;

public sealed class RecorderClientDisposeTests
{
    private static readonly Dictionary<string, (string Password, bool CallList)> Users = new() { ["agent"] = ("agent-pw", true) };

    [Fact]
    public async Task SES_5_DisposeAsync_gives_up_a_logout_that_does_not_answer_after_the_timeout_and_logs_it()
    {
        var logger = new RecordingLogger();
        using var http = new HttpClient(new LogoutThat(answer: null, new PlainRecorder(Users))) { BaseAddress = new Uri("http://recorder.example/") };
        var client = new RecorderClient(http, new RecorderClientOptions { LogoutOnDisposeTimeout = TimeSpan.FromMilliseconds(50) }, logger);
        await client.LoginAsync("agent", "agent-pw", TestContext.Current.CancellationToken);

        await client.DisposeAsync().AsTask().WaitAsync(TestContext.Current.CancellationToken);

        logger.Lines.ShouldContain(l => l.StartsWith("Warning: Logging out on dispose did not finish within", StringComparison.Ordinal), "SES-5, SES-6");
    }

    [Fact]
    public async Task SES_5_DisposeAsync_logs_a_failed_logout_instead_of_throwing_it()
    {
        var logger = new RecordingLogger();
        using var http = new HttpClient(new LogoutThat(answer: new HttpRequestException("connection reset"), new PlainRecorder(Users)))
        {
            BaseAddress = new Uri("http://recorder.example/"),
        };
        var client = new RecorderClient(http, logger: logger);
        await client.LoginAsync("agent", "agent-pw", TestContext.Current.CancellationToken);

        await client.DisposeAsync().AsTask().WaitAsync(TestContext.Current.CancellationToken);

        logger.Lines.ShouldContain(l => l.StartsWith("Warning: Logging out on dispose failed", StringComparison.Ordinal) && l.Contains("connection reset"), "SES-5");
    }

    [Fact]
    public async Task SES_6_Dispose_sends_nothing_and_leaves_the_session_to_expire()
    {
        await using var recorder = await FakeRecorder.StartAsync(Arrange.World(), TestContext.Current.CancellationToken);
        var logger = new RecordingLogger();
        var client = await Arrange.LoggedIn(recorder, "agent", "agent-pw", logger: logger);
        var requestsBefore = recorder.Log.Lines.Count;

        client.Dispose();
        await client.DisposeAsync(); // a second dispose of either kind does nothing

        recorder.Log.Lines.Count.ShouldBe(requestsBefore, "Dispose must not block on a logout");
        recorder.Recorder.SessionCount.ShouldBe(1, "SES-6: the session is left to expire");
        logger.Lines.ShouldContain(l => l.Contains("Disposed without logging out agent", StringComparison.Ordinal));
    }

    /// <summary>Passes everything on but the logout, which never answers (null) or fails with the given exception.</summary>
    private sealed class LogoutThat(Exception? answer, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!request.RequestUri!.AbsolutePath.EndsWith("/logoutAction.do", StringComparison.Ordinal))
            {
                return await base.SendAsync(request, cancellationToken);
            }

            if (answer is not null)
            {
                throw answer;
            }

            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable: the delay only ends by cancellation");
        }
    }
}
