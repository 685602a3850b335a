using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PauseResume.Simulator.Hosting;
using PauseResume.Client.Tests.Support;

namespace PauseResume.Client.Tests;

public sealed class RecorderClientServiceCollectionExtensionsTests : AuditedRecorderTests
{
    [Fact]
    public async Task AddRecorderClient_resolves_one_working_client_as_the_interface_and_the_class()
    {
        var recorder = StartRecorder();
        using var host = Host(o => o.BaseAddress = recorder.BaseAddress, http => http.ConfigurePrimaryHttpMessageHandler(recorder.CreateHandler));
        await host.StartAsync(TestContext.Current.CancellationToken);
        var client = host.Services.GetRequiredService<IRecorderClient>();

        await client.LoginAsync("agent", "agent-pw", TestContext.Current.CancellationToken);
        var held = await client.HoldAsync(CoupleQuery.ByPhone("5551234"), TestContext.Current.CancellationToken);

        held.Changed.ShouldBe([Arrange.AgentsCouple], "PSE-1");
        recorder.Recorder.Find(Arrange.AgentsCouple)!.Paused.ShouldBeTrue("PSE-1");
        host.Services.GetRequiredService<RecorderClient>().ShouldBeSameAs(client, "one session per application");
        host.Services.GetRequiredService<IRecorderClient>().ShouldBeSameAs(client, "one session per application");
    }

    [Fact]
    public async Task SES_5_Disposing_the_container_logs_the_client_out()
    {
        var recorder = StartRecorder();
        var host = Host(o => o.BaseAddress = recorder.BaseAddress, http => http.ConfigurePrimaryHttpMessageHandler(recorder.CreateHandler));
        await host.StartAsync(TestContext.Current.CancellationToken);
        await host.Services.GetRequiredService<IRecorderClient>().LoginAsync("agent", "agent-pw", TestContext.Current.CancellationToken);
        var whileRunning = recorder.Recorder.SessionCount;

        await host.StopAsync(TestContext.Current.CancellationToken);
        await ((IAsyncDisposable)host).DisposeAsync();

        whileRunning.ShouldBe(1);
        recorder.Recorder.SessionCount.ShouldBe(0, "SES-5: DisposeAsync logs out");
    }

    [Fact]
    public void SES_2_The_primary_handler_is_the_librarys_own_and_keeps_no_cookies()
    {
        using var host = Host(o => o.BaseAddress = new Uri("http://recorder.example:8080/"));

        var handler = host.Services.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(RecorderClientServiceCollectionExtensions.HttpClientName);

        var primary = handler;
        while (primary is DelegatingHandler outer)
        {
            primary = outer.InnerHandler!;
        }

        var sockets = primary.ShouldBeOfType<SocketsHttpHandler>();
        sockets.UseCookies.ShouldBeFalse("the client keeps JSESSIONID itself (SES-2, SES-4)");
        sockets.AllowAutoRedirect.ShouldBeFalse();
    }

    [Fact]
    public void The_client_gets_the_base_address_and_the_request_timeout_of_the_options()
    {
        using var host = Host(o =>
        {
            o.BaseAddress = new Uri("https://recorder.example/");
            o.RequestTimeout = TimeSpan.FromSeconds(7);
        });

        var http = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient(RecorderClientServiceCollectionExtensions.HttpClientName);

        http.BaseAddress.ShouldBe(new Uri("https://recorder.example/"));
        http.Timeout.ShouldBe(TimeSpan.FromSeconds(7));
    }

    [Theory]
    [InlineData("no base address", "BaseAddress is required")]
    [InlineData("relative base address", "must be an absolute http or https address")]
    [InlineData("ftp base address", "must be an absolute http or https address")]
    [InlineData("base address without the final slash", "ending with '/'")]
    [InlineData("zero request timeout", "RequestTimeout")]
    [InlineData("infinite request timeout", "RequestTimeout")]
    [InlineData("negative logout timeout", "LogoutOnDisposeTimeout")]
    [InlineData("no dummy cookie", "DummyCookie")]
    [InlineData("a 404 taken as unchanged", "UnchangedPauseStatus 404")]
    [InlineData("a success taken as unchanged", "UnchangedPauseStatus 204")]
    [InlineData("an ended couple taken as unchanged", "UnchangedPauseStatus 410")]
    public async Task Options_that_cannot_work_fail_the_start_of_the_host(string mistake, string named)
    {
        using var host = Host(o =>
        {
            o.BaseAddress = new Uri("http://recorder.example:8080/");
            switch (mistake)
            {
                case "no base address": o.BaseAddress = null; break;
                case "relative base address": o.BaseAddress = new Uri("recorder/", UriKind.Relative); break;
                case "ftp base address": o.BaseAddress = new Uri("ftp://recorder.example/"); break;
                case "base address without the final slash": o.BaseAddress = new Uri("http://recorder.example/pbx"); break;
                case "zero request timeout": o.RequestTimeout = TimeSpan.Zero; break;
                case "infinite request timeout": o.RequestTimeout = Timeout.InfiniteTimeSpan; break;
                case "negative logout timeout": o.LogoutOnDisposeTimeout = TimeSpan.FromSeconds(-1); break;
                case "no dummy cookie": o.DummyCookie = ""; break;
                case "a 404 taken as unchanged": o.UnchangedPauseStatus = System.Net.HttpStatusCode.NotFound; break;
                case "a success taken as unchanged": o.UnchangedPauseStatus = System.Net.HttpStatusCode.NoContent; break;
                case "an ended couple taken as unchanged": o.UnchangedPauseStatus = System.Net.HttpStatusCode.Gone; break;
                default: throw new ArgumentOutOfRangeException(nameof(mistake), mistake, "a mistake this test does not know");
            }
        });

        var error = await Should.ThrowAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        error.Message.ShouldContain(named, customMessage: mistake);
    }

    [Fact]
    public async Task Options_that_work_let_the_host_start()
    {
        using var host = Host(o => o.BaseAddress = new Uri("http://recorder.example:8080/callrec-root/"));

        await host.StartAsync(TestContext.Current.CancellationToken);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    private static IHost Host(Action<RecorderClientOptions> configure, Action<IHttpClientBuilder>? http = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        var client = builder.Services.AddRecorderClient(configure);
        http?.Invoke(client);
        return builder.Build();
    }
}
