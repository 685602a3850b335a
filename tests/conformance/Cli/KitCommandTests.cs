using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Xml.Linq;
using PauseResume.Conformance.Cli;
using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Conformance.Tests.Cli;

/// <summary>The kit's command line: exit codes, reports a CI can read, and every kind of target.</summary>
public sealed class KitCommandTests
{
    /// <summary>
    /// A replay hint starts as the kit was started: the installed tool by its command where its folder is on PATH, else by
    /// its path; a local tool by dotnet tool run; a clone by dotnet run.
    /// </summary>
    [Theory]
    [InlineData("/home/ci/.dotnet/tools/pauseresume-kit", "/home/ci/.dotnet/tools/.store/x/PauseResume.Conformance.dll", "/usr/bin:/home/ci/.dotnet/tools", "pauseresume-kit")]
    [InlineData("/work/tools/pauseresume-kit", "/work/tools/.store/x/PauseResume.Conformance.dll", "/usr/bin", "/work/tools/pauseresume-kit")]
    [InlineData("/usr/share/dotnet/dotnet", "/home/ci/.nuget/packages/pauseresume.conformance.tool/0.1.0/tools/net10.0/any/PauseResume.Conformance.dll", "/usr/bin", "dotnet tool run pauseresume-kit --")]
    [InlineData("/src/pauseresume/conformance/bin/Debug/net10.0/PauseResume.Conformance", "/src/pauseresume/conformance/bin/Debug/net10.0/PauseResume.Conformance.dll", "/usr/bin", "dotnet run --project conformance --")]
    [InlineData("/usr/share/dotnet/dotnet", "/src/pauseresume/conformance/bin/Debug/net10.0/PauseResume.Conformance.dll", null, "dotnet run --project conformance --")]
    [InlineData(null, null, null, "dotnet run --project conformance --")]
    public void A_replay_hint_starts_with_the_command_the_kit_was_started_as(string? processPath, string? assemblyPath, string? pathVariable, string expected) =>
        KitCommand.Invocation(processPath, assemblyPath, pathVariable).ShouldBe(expected);

    private static async Task<(int Exit, string Output, string Errors)> RunAsync(params string[] args) => await RunAsync(null, args);

    private static async Task<(int Exit, string Output, string Errors)> RunAsync(Func<ITarget>? inProcess, params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var exit = await KitCommand.RunAsync(args, output, errors, inProcess);
        return (exit, output.ToString(), errors.ToString());
    }

    /// <summary>
    /// A file the run cannot write is said before the run starts: a probe of minutes lost what it found to a path whose
    /// folder did not exist.
    /// </summary>
    [Theory]
    [InlineData("--probe")]
    [InlineData("--report")]
    [InlineData("--junit")]
    public async Task A_file_that_cannot_be_written_stops_the_run_before_it_starts(string flag)
    {
        var missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "out.json");
        var started = 0;

        var (exit, output, errors) = await RunAsync(() => { started++; return new InProcessTarget(); }, flag, missing);

        exit.ShouldBe(KitResult.ExitUsage, output + errors);
        errors.ShouldContain($"error: {flag} {missing} cannot be written: ");
        started.ShouldBe(0, "nothing was sent");
    }

    [Fact]
    public async Task Against_the_in_process_simulator_it_exits_0_and_writes_both_reports()
    {
        var junit = Path.GetTempFileName();
        var markdown = Path.GetTempFileName();

        var (exit, output, errors) = await RunAsync("--runs", "60", "--seed", "11", "--junit", junit, "--report", markdown);

        exit.ShouldBe(0, output + errors);
        output.ShouldMatch(@"Conformant: 23 rules passed, 0 broken, 0 differ from the profile, 0 not checked \(\d+ scenario\(s\), seed 11\)");
        errors.ShouldContain("60 scenario(s) run;", Case.Sensitive, "progress is shown");
        (await File.ReadAllBytesAsync(junit, TestContext.Current.CancellationToken))[..5].ShouldBe("<?xml"u8.ToArray(), "no byte-order mark before the declaration, which some CI parsers read as text");
        var suite = XDocument.Load(junit).Root!.Element("testsuite")!;
        suite.Elements("testcase").Count().ShouldBe(23, "one test case per rule");
        ((int)suite.Attribute("failures")!).ShouldBe(0);
        var report = await File.ReadAllTextAsync(markdown);
        report.ShouldMatch(@"\| SES-2 \| D \| passed \| \d+ \|");
        report.ShouldContain("**Conformant:");
    }

    [Fact]
    public async Task A_broken_rule_exits_1_with_the_rule_the_trace_and_a_curl_script_in_every_report()
    {
        var deviant = DeviantRecorders.All.Single(d => d.Name == "does not accept PUT");
        var junit = Path.GetTempFileName();
        var markdown = Path.GetTempFileName();

        var (exit, output, _) = await RunAsync(() => new InProcessTarget(deviant.Wrap, "deviant"), "--seed", "20261127", "--junit", junit, "--report", markdown);

        exit.ShouldBe(1);
        output.ShouldContain("FAIL  PSE-1");
        output.ShouldContain("Rule PSE-1 is broken");
        output.ShouldContain("<-- breaks PSE-1");
        output.ShouldContain("replay: dotnet run --project conformance -- --seed 20261127 --run ");
        output.ShouldContain("curl -s -i -X PUT");
        var failure = XDocument.Load(junit).Descendants("failure").Where(f => f.Attribute("type")!.Value == "documented-rule-broken").ShouldHaveSingleItem();
        failure.Parent!.Attribute("name")!.Value.ShouldStartWith("PSE-1");
        failure.Value.ShouldContain("curl");
        (await File.ReadAllTextAsync(markdown)).ShouldContain("## PSE-1 is broken");
        failure.Attribute("type")!.Value.ShouldBe("documented-rule-broken");
    }

    [Fact]
    public async Task A_server_that_only_differs_from_the_profile_exits_3_and_says_which_setting_it_matches()
    {
        var deviant = DeviantRecorders.All.Single(d => d.Name == "answers an invalid direction with 400");
        var junit = Path.GetTempFileName();

        var (exit, output, _) = await RunAsync(() => new InProcessTarget(deviant.Wrap, "deviant"), "--seed", "7", "--runs", "150", "--junit", junit);

        exit.ShouldBe(3, output);
        output.ShouldContain("DIFF  LST-6 (I)");
        output.ShouldContain("it matches invalidDirectionStatus=400");
        output.ShouldContain("--set invalidDirectionStatus=400");
        output.ShouldNotContain("FAIL ");
        output.ShouldContain("No documented rule broken");
        XDocument.Load(junit).Descendants("failure").ShouldHaveSingleItem().Attribute("type")!.Value.ShouldBe("profile-difference");
        File.Delete(junit);
    }

    [Fact]
    public async Task The_replay_hint_carries_every_flag_the_run_needed_and_repro_writes_each_script_to_a_file()
    {
        await using var simulator = await StandaloneSimulator.StartAsync("--no-control");
        var repro = Directory.CreateTempSubdirectory().FullName;

        var (exit, output, errors) = await RunAsync(
            "--target", simulator.Address.ToString(), "--rate", "1000", "--runs", "20", "--seed", "5", "--account", "admin:admin:list,pause",
            "--set", "unknownPathStatus=400", "--repro", repro);

        exit.ShouldBe(3, output + errors);
        output.ShouldContain($"replay: dotnet run --project conformance -- --target {simulator.Address} --rate 1000 --account admin:admin:list,pause --set unknownPathStatus=400 --seed 5 --run ");
        output.ShouldContain("against profile 'default+' (the default with --set unknownPathStatus=400; --probe records this recorder's)", Case.Sensitive, "the '+' is said");
        var script = Directory.GetFiles(repro, "GEN-1-differs-run*.sh").ShouldHaveSingleItem();
        // The failing step: an unknown path, or a path of the API in another case (GEN-1), answered 404 where 400 was set
        (await File.ReadAllLinesAsync(script, TestContext.Current.CancellationToken)).ShouldContain(line => line.StartsWith("curl ", StringComparison.Ordinal) && line.Contains("/callrec/", StringComparison.Ordinal) && line.Contains("differs on GEN-1", StringComparison.Ordinal));
        Directory.Delete(repro, recursive: true);
    }

    /// <summary>
    /// A difference a setting explains belongs to the setting's rules, whichever check first showed it: the script --repro
    /// writes is named under the rule every report lists it under (it was named by the check's rule, SES-1, while the
    /// reports said DET-3).
    /// </summary>
    [Fact]
    public void Repro_names_each_script_by_the_rule_the_reports_list_its_failure_under()
    {
        var check = new Check("SES-1", false, "a login answers as the profile says", "404", "403", InferredPart: true);

        var explained = KitCommand.ReproFileName(Differences.Of(check, new SettingChange(ProfileSettings.RefusalOrder, "call-list-first", "couple-first")) with { Run = 4 });
        var unexplained = KitCommand.ReproFileName(Differences.Of(check) with { Run = 4 });

        explained.ShouldBe("DET-3-differs-run4.sh");
        unexplained.ShouldBe("SES-1-differs-run4.sh");
    }

    [Fact]
    public async Task A_run_without_a_seed_is_refused()
    {
        var (exit, _, errors) = await RunAsync("--run", "5");

        exit.ShouldBe(2);
        errors.ShouldContain("--run replays one scenario of a seed: give the --seed it was printed with");
    }

    [Fact]
    public async Task Require_all_exits_4_when_a_rule_could_not_be_checked()
    {
        await using var simulator = await StandaloneSimulator.StartAsync("--no-control");

        var (exit, output, _) = await RunAsync("--target", simulator.Address.ToString(), "--rate", "1000", "--runs", "10", "--seed", "2", "--account", "admin:admin:list,pause", "--require-all");

        exit.ShouldBe(4, output);
        output.ShouldContain("Partially checked");
    }

    [Theory]
    [InlineData("Unrecognized command or argument '--colour'", "--colour")]
    [InlineData("--runs needs a whole number", "--runs", "lots")]
    [InlineData("--target needs an http(s) URL", "--target", "ftp://x")]
    [InlineData("unknown right 'admin'", "--target", "http://127.0.0.1:1", "--account", "a:b:admin")]
    [InlineData("--account needs LOGIN:PASSWORD:RIGHTS", "--target", "http://127.0.0.1:1", "--account", "a")]
    [InlineData("--allow-pause needs at least one --couple", "--target", "http://127.0.0.1:1", "--allow-pause")]
    [InlineData("unknown profile 'fast'", "--profile", "fast")]
    [InlineData("--account is for a real recorder", "--account", "a:b:list")]
    [InlineData("refusalOrder must be call-list-first, couple-first, rights-first, masks-first, rights-and-masks-first, not 'random'", "--set", "refusalOrder=random")]
    [InlineData("unknown profile setting 'colour'", "--set", "colour=blue")]
    public async Task Bad_usage_exits_2_with_a_message(string message, params string[] args)
    {
        var (exit, _, errors) = await RunAsync(args);

        exit.ShouldBe(2);
        errors.ShouldContain(message);
    }

    [Fact]
    public async Task An_unreachable_target_exits_2()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var (exit, _, errors) = await RunAsync("--target", $"http://127.0.0.1:{port}", "--account", "a:b:list");

        exit.ShouldBe(2);
        errors.ShouldContain("cannot be reached");
    }

    /// <summary>
    /// An on-premises recorder is often served over HTTPS with a certificate of its own, or one its company's CA signed,
    /// which no system trusts: --ca-certificate trusts it for the run (the host name still checked), and without it
    /// the kit says the recorder answered and what to give, not that it cannot be reached.
    /// </summary>
    [Fact]
    public async Task A_recorder_over_https_with_its_own_certificate_is_checked_with_ca_certificate_and_refused_clearly_without()
    {
        // Arrange: the standalone simulator as a real recorder, over HTTPS with a self-signed certificate for 127.0.0.1
        var folder = Directory.CreateTempSubdirectory();
        var (own, pfx) = (Path.Combine(folder.FullName, "recorder.pem"), Path.Combine(folder.FullName, "recorder.pfx"));
        var other = Path.Combine(folder.FullName, "other.der");
        var (companyCa, signedPfx) = (Path.Combine(folder.FullName, "company-ca.pem"), Path.Combine(folder.FullName, "signed.pfx"));
        using (var certificate = Certificate("CN=recorder"))
        using (var stranger = Certificate("CN=another recorder"))
        using (var authority = Certificate("CN=company CA", authority: true))
        using (var signed = Certificate("CN=recorder", issuer: authority))
        {
            await File.WriteAllTextAsync(own, certificate.ExportCertificatePem(), TestContext.Current.CancellationToken);
            await File.WriteAllBytesAsync(pfx, certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx, "secret"), TestContext.Current.CancellationToken);
            await File.WriteAllBytesAsync(other, stranger.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Cert), TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(companyCa, authority.ExportCertificatePem(), TestContext.Current.CancellationToken);
            await File.WriteAllBytesAsync(signedPfx, signed.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx, "secret"), TestContext.Current.CancellationToken);
        }

        await using var simulator = await StandaloneSimulator.StartAsync(
            new Dictionary<string, string> { ["Kestrel__Certificates__Default__Path"] = pfx, ["Kestrel__Certificates__Default__Password"] = "secret" },
            "--urls", "https://127.0.0.1:0", "--no-control");
        await using var behindCompanyCa = await StandaloneSimulator.StartAsync(
            new Dictionary<string, string> { ["Kestrel__Certificates__Default__Path"] = signedPfx, ["Kestrel__Certificates__Default__Password"] = "secret" },
            "--urls", "https://127.0.0.1:0", "--no-control");
        string[] run = ["--target", simulator.Address.ToString(), "--rate", "1000", "--runs", "5", "--seed", "3", "--account", "admin:admin:list,pause"];

        // Act
        var (untrusted, _, untrustedErrors) = await RunAsync(run);
        var (wrongRoot, _, wrongRootErrors) = await RunAsync([.. run, "--ca-certificate", other]);
        var (trusted, output, errors) = await RunAsync([.. run, "--ca-certificate", own]);
        var (byCompanyCa, caOutput, caErrors) = await RunAsync([.. run.Skip(2), "--target", behindCompanyCa.Address.ToString(), "--ca-certificate", companyCa]);
        var (onHttp, _, onHttpErrors) = await RunAsync("--target", "http://127.0.0.1:1", "--ca-certificate", own, "--account", "a:b:list");

        // Assert
        untrusted.ShouldBe(2, untrustedErrors);
        untrustedErrors.ShouldContain("answered, but its certificate is not trusted");
        untrustedErrors.ShouldContain("--ca-certificate PATH");
        wrongRoot.ShouldBe(2, wrongRootErrors);
        wrongRootErrors.ShouldContain("the certificates given with --ca-certificate are not its root either");
        trusted.ShouldBe(0, output + errors);
        output.ShouldContain("Partially checked: conformant on every rule checked");
        output.ShouldContain("pass  DET-1 (D)");
        KitCommandLine.Read([.. run, "--ca-certificate", own], 1).Options!.ReplayArgs.ShouldContain(own, "a replay needs the certificate too");
        byCompanyCa.ShouldBe(0, caOutput + caErrors);
        caOutput.ShouldContain("Partially checked: conformant on every rule checked");
        onHttp.ShouldBe(2);
        onHttpErrors.ShouldContain("--ca-certificate is for a server over https");
        folder.Delete(recursive: true);
    }

    /// <summary>A server certificate for 127.0.0.1, self-signed or signed by <paramref name="issuer"/>; or, as <paramref name="authority"/>, a CA's.</summary>
    private static System.Security.Cryptography.X509Certificates.X509Certificate2 Certificate(
        string subject, bool authority = false, System.Security.Cryptography.X509Certificates.X509Certificate2? issuer = null)
    {
        using var key = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(
            subject, key, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        var (from, to) = (TimeProvider.System.GetUtcNow().AddDays(-1), TimeProvider.System.GetUtcNow().AddDays(30));
        if (authority)
        {
            request.CertificateExtensions.Add(new System.Security.Cryptography.X509Certificates.X509BasicConstraintsExtension(true, false, 0, critical: true));
            request.CertificateExtensions.Add(new System.Security.Cryptography.X509Certificates.X509KeyUsageExtension(System.Security.Cryptography.X509Certificates.X509KeyUsageFlags.KeyCertSign, critical: true));
            return request.CreateSelfSigned(from, to);
        }

        var names = new System.Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new System.Security.Cryptography.X509Certificates.X509EnhancedKeyUsageExtension([new("1.3.6.1.5.5.7.3.1")], critical: false));
        if (issuer is null)
        {
            return request.CreateSelfSigned(from, to);
        }

        using var issued = request.Create(issuer, from, issuer.NotAfter.AddDays(-1), [1, 2, 3, 4]); // within its issuer's validity, whatever the clock did meanwhile
        return System.Security.Cryptography.X509Certificates.RSACertificateExtensions.CopyWithPrivateKey(issued, key);
    }

    /// <summary>
    /// A recorder reached over http that sends every request to https (or to another host or port) answers nothing the
    /// kit could judge, since it follows no redirect: it stops at once with the URL to give, not with a login that fails.
    /// </summary>
    [Fact]
    public async Task A_target_that_redirects_to_another_origin_stops_the_run_with_the_url_to_give()
    {
        // Arrange: a server that answers every request with a redirect to https on another port
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var served = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync(TestContext.Current.CancellationToken);
            var stream = client.GetStream();
            var buffer = new byte[4096];
            var read = 0;
            while (!System.Text.Encoding.ASCII.GetString(buffer, 0, read).Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                read += await stream.ReadAsync(buffer.AsMemory(read), TestContext.Current.CancellationToken);
            }

            await stream.WriteAsync("HTTP/1.1 301 Moved Permanently\r\nLocation: https://127.0.0.1:8443/callrec/restful/couples.xml\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), TestContext.Current.CancellationToken);
        }, TestContext.Current.CancellationToken);

        // Act
        var (exit, _, errors) = await RunAsync("--target", $"http://127.0.0.1:{port}", "--account", "a:b:list");
        await served;

        // Assert
        exit.ShouldBe(2, errors);
        errors.ShouldContain($"redirects /callrec/restful/couples.xml to https://127.0.0.1:8443/callrec/restful/couples.xml (301): give --target https://127.0.0.1:8443/");
    }

    [Fact]
    public async Task Against_the_standalone_simulator_over_HTTP_it_controls_it_checks_SES_6_and_passes()
    {
        await using var simulator = await StandaloneSimulator.StartAsync("--control-token", "t0k3n");
        var junit = Path.GetTempFileName();

        var (exit, output, errors) = await RunAsync("--target", simulator.Address.ToString(), "--control-token", "t0k3n", "--runs", "25", "--seed", "4", "--junit", junit);

        exit.ShouldBe(0, output + errors);
        errors.ShouldContain("standalone simulator at");
        output.ShouldContain("the standalone simulator's own profile");
        output.ShouldMatch(@"pass  SES-6 \(I\)  \d+ check\(s\) passed");
        XDocument.Load(junit).Descendants("skipped").ShouldBeEmpty();
        using var control = new HttpClient { BaseAddress = simulator.Address };
        control.DefaultRequestHeaders.Add("X-Simulator-Token", "t0k3n");
        (await control.GetStringAsync("/simulator/users")).ShouldContain("\"agent\"", Case.Sensitive, "the simulator is back on its start world");
        (await control.GetStringAsync("/simulator/profile")).ShouldContain("\"00:30:00\"", Case.Sensitive, "and on its own idle timeout");
        File.Delete(junit);
    }

    [Fact]
    public async Task A_standalone_simulator_is_checked_against_its_own_profile_and_keeps_it()
    {
        await using var simulator = await StandaloneSimulator.StartAsync("--profile", "jaxrs-lenient");

        var (exit, output, errors) = await RunAsync("--target", simulator.Address.ToString(), "--runs", "30", "--seed", "6");

        exit.ShouldBe(0, output + errors);
        output.ShouldContain("against profile 'jaxrs-lenient' (the standalone simulator's own profile)");
        using var control = new HttpClient { BaseAddress = simulator.Address };
        (await control.GetStringAsync("/simulator/profile")).ShouldContain("\"jaxrs-lenient\"", Case.Sensitive, "the kit did not switch the simulator's profile");
    }

    [Fact]
    public async Task A_control_API_behind_a_token_the_kit_lacks_is_named_with_the_option_to_pass()
    {
        await using var simulator = await StandaloneSimulator.StartAsync("--control-token", "t0k3n");

        var (exit, _, errors) = await RunAsync("--target", simulator.Address.ToString(), "--runs", "1");

        exit.ShouldBe(2);
        errors.ShouldContain("answered 401: it needs a token; pass it with --control-token");
    }

    [Fact]
    public async Task A_server_without_the_control_API_is_checked_as_a_real_recorder_and_restored()
    {
        await using var simulator = await StandaloneSimulator.StartAsync("--no-control");

        var (exit, output, errors) = await RunAsync(
            "--target", simulator.Address.ToString(), "--rate", "1000", "--runs", "15", "--seed", "8",
            "--account", "admin:admin:list,pause", "--account", "agent:agent:list,pause;masks=1002?", "--account", "monitor:monitor:list",
            "--account", "guest:guest:none", "--allow-pause", "--couple", "24197", "--couple", "24198");

        exit.ShouldBe(0, output + errors);
        errors.ShouldContain("recorder at");
        output.ShouldContain("pass  PSE-1");
        output.ShouldContain("pass  LST-7", Case.Sensitive, "guest has no Call List");
        output.ShouldNotContain("AUDIT");
        using var http = new HttpClient { BaseAddress = simulator.Address };
        var state = await AdminView.PausedAsync(http, 24197);
        state.ShouldBe("false", "the couple the kit paused is recording again, as it was found");
    }

    [Fact]
    public async Task A_real_recorder_is_read_only_without_allow_pause()
    {
        await using var simulator = await StandaloneSimulator.StartAsync("--no-control");

        var (exit, output, _) = await RunAsync("--target", simulator.Address.ToString(), "--rate", "1000", "--runs", "10", "--account", "admin:admin:list,pause");

        exit.ShouldBe(0);
        output.ShouldContain("skip  PSE-1 (D)  needs --allow-pause");
        output.ShouldContain("skip  LST-7 (I)  needs an account without Call List");
    }

    [Fact]
    public async Task The_curl_script_of_a_failure_replays_against_the_standalone_simulator()
    {
        var deviant = DeviantRecorders.All.Single(d => d.Name == "does not accept PUT");
        var markdown = Path.GetTempFileName();
        await RunAsync(() => new InProcessTarget(deviant.Wrap, "deviant"), "--seed", "20261127", "--report", markdown);
        var report = await File.ReadAllTextAsync(markdown);
        var script = Path.GetTempFileName();
        var start = report.IndexOf("## PSE-1 is broken", StringComparison.Ordinal);
        start = report.IndexOf("```bash\n", start, StringComparison.Ordinal) + 8;
        await File.WriteAllTextAsync(script, report[start..report.IndexOf("```", start, StringComparison.Ordinal)]);
        await using var simulator = await StandaloneSimulator.StartAsync();

        using var bash = Process.Start(new ProcessStartInfo("bash", [script, simulator.Address.GetLeftPart(UriPartial.Authority)]) { RedirectStandardOutput = true })!;
        var replay = await bash.StandardOutput.ReadToEndAsync();
        await bash.WaitForExitAsync();

        replay.ShouldMatch(@"A=[0-9A-F]{32}", "the login step took a session");
        replay.ShouldContain("HTTP/1.1 204", Case.Sensitive, "a conforming server answers the failing PUT with 204, as the rules expect");
    }
}
