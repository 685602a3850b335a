using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Simulator.Tests.Hosting;

/// <summary>
/// A standalone simulator that cannot start says why in one line and exits with 2, as for a bad world file: no stack
/// trace, and it never listens where it was not allowed to.
/// </summary>
public sealed class StartupFailureTests
{
    [Fact]
    public async Task A_busy_port_is_one_line_naming_the_address_and_exit_code_2()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)occupant.LocalEndpoint).Port}";

        var (exitCode, output, errors) = await StandaloneSimulator.RunToExitAsync(null, "--urls", url);

        exitCode.ShouldBe(2, output + errors);
        OnlyLine(errors).ShouldStartWith($"error: cannot listen on {url}: ");
        OnlyLine(errors).ShouldContain("address already in use");
        OnlyLine(errors).ShouldContain("give --urls another port (port 0 picks a free one", Case.Sensitive, "a way out");
        output.ShouldNotContain("listening on");
    }

    [Fact]
    public async Task Endpoints_in_the_configuration_that_would_override_urls_are_refused_in_one_line_with_exit_code_2()
    {
        var (exitCode, output, errors) = await StandaloneSimulator.RunToExitAsync(
            new Dictionary<string, string> { ["Kestrel__Endpoints__web__Url"] = "http://127.0.0.1:0" }, "--urls", "http://127.0.0.1:0");

        exitCode.ShouldBe(2, output + errors);
        OnlyLine(errors).ShouldStartWith("error: Kestrel:Endpoints in the configuration (web; ");
        OnlyLine(errors).ShouldContain("give the addresses with --urls");
        output.ShouldNotContain("listening on", Case.Sensitive, "Kestrel would have listened where the configuration says, past --urls and its loopback checks");
    }

    [Fact]
    public async Task A_logging_section_in_the_configuration_does_not_bring_back_the_frameworks_request_lines_and_their_passwords()
    {
        // Arrange: the environment asks for ASP.NET Core's own request lines, which echo the URL whole
        await using var simulator = await StandaloneSimulator.StartAsync(
            new Dictionary<string, string> { ["Logging__LogLevel__Microsoft.AspNetCore"] = "Information", ["Logging__LogLevel__Default"] = "Trace" }, "--urls", "http://127.0.0.1:0");
        using var http = new HttpClient { BaseAddress = simulator.Address };
        using var login = new HttpRequestMessage(HttpMethod.Post, "callrec/loginAction.do?login=admin&password=sekrit-4711") { Content = new StringContent(string.Empty) };
        login.Headers.Add("Cookie", "a=1");

        // Act
        (await http.SendAsync(login, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await simulator.WaitForOutputAsync(line => line.Contains("loginAction.do", StringComparison.Ordinal));
        await simulator.TerminateAsync();

        // Assert
        var output = string.Join("\n", simulator.Output);
        output.ShouldContain("password=***", Case.Sensitive, "the simulator's own request line, masked");
        output.ShouldNotContain("sekrit-4711", Case.Sensitive, "no log line of the framework's with the password in clear");
    }

    [Theory]
    [InlineData("notaurl", "'notaurl' is not an address to listen on")]
    [InlineData("http://127.0.0.1:99999", "'http://127.0.0.1:99999' has port 99999; a port is 0 to 65535")]
    [InlineData("ftp://127.0.0.1:0", "'ftp://127.0.0.1:0' must start with http:// or https://")]
    public async Task A_bad_address_is_an_error_naming_it_and_exit_code_2(string url, string message)
    {
        var (exitCode, output, errors) = await StandaloneSimulator.RunToExitAsync(null, "--urls", url);

        exitCode.ShouldBe(2, output + errors);
        FirstLine(errors).ShouldStartWith($"error: --urls: {message}");
        errors.ShouldNotContain("   at ", Case.Sensitive, "no stack trace");
    }

    [Fact]
    public async Task HTTPS_without_a_certificate_is_one_line_saying_how_to_give_one_and_exit_code_2()
    {
        // A home of its own, so no development certificate of this machine's user is found.
        var home = Directory.CreateTempSubdirectory("simulator-home-");
        try
        {
            var (exitCode, output, errors) = await StandaloneSimulator.RunToExitAsync(
                new Dictionary<string, string> { ["HOME"] = home.FullName, ["DOTNET_GENERATE_ASPNET_CERTIFICATE"] = "false", ["DOTNET_NOLOGO"] = "1" },
                "--urls", "https://127.0.0.1:0");

            exitCode.ShouldBe(2, output + errors);
            OnlyLine(errors).ShouldStartWith("error: cannot listen on https://127.0.0.1:0: ");
            OnlyLine(errors).ShouldContain("Kestrel__Certificates__Default__Path");
            output.ShouldNotContain("listening on");
        }
        finally
        {
            home.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("wrong-password")]
    [InlineData("no-private-key")]
    public async Task HTTPS_with_a_certificate_Kestrel_cannot_use_is_one_line_and_exit_code_2(string mistake)
    {
        // Arrange: a certificate file given the wrong password, or a certificate without its private key.
        var folder = Directory.CreateTempSubdirectory("simulator-certificate-");
        try
        {
            using var key = RSA.Create(2048);
            using var certificate = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
                .CreateSelfSigned(TimeProvider.System.GetUtcNow().AddDays(-1), TimeProvider.System.GetUtcNow().AddDays(1));
            var environment = new Dictionary<string, string> { ["DOTNET_NOLOGO"] = "1" };
            if (mistake == "wrong-password")
            {
                var path = Path.Combine(folder.FullName, "server.pfx");
                await File.WriteAllBytesAsync(path, certificate.Export(X509ContentType.Pkcs12, "right"), TestContext.Current.CancellationToken);
                environment["Kestrel__Certificates__Default__Path"] = path;
                environment["Kestrel__Certificates__Default__Password"] = "wrong";
            }
            else
            {
                var path = Path.Combine(folder.FullName, "server.pem");
                await File.WriteAllTextAsync(path, certificate.ExportCertificatePem(), TestContext.Current.CancellationToken);
                environment["Kestrel__Certificates__Default__Path"] = path;
            }

            // Act
            var (exitCode, output, errors) = await StandaloneSimulator.RunToExitAsync(environment, "--urls", "https://127.0.0.1:0");

            // Assert
            exitCode.ShouldBe(2, "a start that fails is exit code 2, not a crash: " + output + errors);
            OnlyLine(errors).ShouldStartWith("error: cannot listen on https://127.0.0.1:0: ");
            output.ShouldNotContain("listening on");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("http://0.0.0.0:0")]
    [InlineData("http://[::]:0")]
    public async Task Listening_beyond_loopback_without_a_control_token_needs_allow_remote(string url)
    {
        var (exitCode, output, errors) = await StandaloneSimulator.RunToExitAsync(null, "--urls", url);

        exitCode.ShouldBe(2, output + errors);
        FirstLine(errors).ShouldContain("listens beyond this machine");
        FirstLine(errors).ShouldContain("--allow-remote");
        output.ShouldNotContain("listening on", Case.Sensitive, "refused before it listens");
    }

    private static string OnlyLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldHaveSingleItem("one line, no stack trace");

    private static string FirstLine(string text) => text.Split('\n')[0];
}
