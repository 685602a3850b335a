using PauseResume.Conformance.Cli;

namespace PauseResume.Conformance.Tests.Cli;

/// <summary>The kit's command line itself: its help, its completions, and how a replay hint is built from it.</summary>
public sealed class KitCommandLineTests
{
    /// <summary>Every option the kit has had since its first command line; a change to this list is a change for its users.</summary>
    public static TheoryData<string> Options =>
    [
        "--target", "--account", "--allow-pause", "--couple", "--profile", "--profile-file", "--set", "--seed", "--runs",
        "--min-checks", "--max-runs", "--budget", "--steps", "--run", "--focus", "--rate", "--control-token", "--junit",
        "--report", "--repro", "--require-all", "--probe", "--compare", "--agents", "--operations", "--op-timeout", "--help",
        "--wrong-passwords", "--ca-certificate",
    ];

    private static async Task<(int Exit, string Output, string Errors)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var exit = await KitCommand.RunAsync(args, output, errors, cancellationToken: TestContext.Current.CancellationToken);
        return (exit, output.ToString(), errors.ToString());
    }

    [Theory]
    [MemberData(nameof(Options))]
    public async Task Help_lists_every_option_and_exits_0(string option)
    {
        var (exit, output, errors) = await RunAsync("--help");

        exit.ShouldBe(0, errors);
        output.ShouldMatch($@"(?m)^\s+(-\S+, )*{option}\b", $"--help names {option}");
        output.ShouldContain("4  with --require-all", Case.Sensitive, "the exit codes are part of the help");
    }

    /// <summary>A certificate file that cannot be read, or holds none, stops the run before it connects, naming the file.</summary>
    [Fact]
    public async Task A_ca_certificate_that_is_no_certificate_is_refused_with_its_path()
    {
        var missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".pem");
        var text = Path.GetTempFileName();
        await File.WriteAllTextAsync(text, "-----BEGIN PRIVATE KEY-----\nnot a certificate\n-----END PRIVATE KEY-----\n", TestContext.Current.CancellationToken);

        var (absent, _, absentErrors) = await RunAsync("--target", "https://127.0.0.1:1", "--ca-certificate", missing);
        var (garbage, _, garbageErrors) = await RunAsync("--target", "https://127.0.0.1:1", "--ca-certificate", text);

        absent.ShouldBe(2);
        absentErrors.ShouldContain($"--ca-certificate needs a certificate file (PEM or DER) the kit can read, not '{missing}'");
        garbage.ShouldBe(2);
        garbageErrors.ShouldContain($"'{text}'");
        File.Delete(text);
    }

    [Fact]
    public async Task Bad_usage_is_its_error_alone_on_the_error_stream_with_a_pointer_to_the_help()
    {
        var (exit, output, errors) = await RunAsync("--runs", "0");

        exit.ShouldBe(2);
        output.ShouldBeEmpty();
        errors.ShouldStartWith("error: --runs needs a whole number of at least 1, not '0'");
        errors.ShouldNotContain("--runs <N>", Case.Sensitive, "the error is not buried under the help");
        errors.Trim().Split('\n').Select(l => l.Trim()).ShouldBe(["error: --runs needs a whole number of at least 1, not '0'", "(--help lists the options)"]);
    }

    [Fact]
    public async Task A_value_left_out_is_named_with_its_option()
    {
        var (exit, _, errors) = await RunAsync("--seed");

        exit.ShouldBe(2);
        errors.ShouldContain("'--seed'");
    }

    [Theory]
    [InlineData("[suggest] --pro", "--probe\n--profile\n--profile-file\n")]
    [InlineData("[suggest:12] --profile ", "default\njaxrs-lenient\n")]
    [InlineData("[suggest:11] --focus SES", "SES-1\nSES-2\nSES-3\nSES-4\nSES-5\nSES-6\n")]
    public async Task The_suggest_directive_completes_options_and_their_values(string commandLine, string completions)
    {
        // As a shell's completion script passes it: the directive, then the command line typed so far as one word.
        var args = commandLine.Split(' ', 2);

        var (exit, output, _) = await RunAsync(args);

        exit.ShouldBe(0);
        output.ReplaceLineEndings("\n").ShouldBe(completions);
    }

    /// <summary>A position that is not a whole number from 0 is bad usage, one line and the usage exit (the completions threw: exit 1 and a stack trace).</summary>
    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("99999999999")]
    public async Task The_suggest_directive_with_a_position_that_is_no_position_is_bad_usage(string position)
    {
        var (exit, _, errors) = await RunAsync([$"[suggest:{position}]", "--profile "]);

        exit.ShouldBe(PauseResume.Conformance.Kit.KitResult.ExitUsage);
        errors.ShouldStartWith($"error: [suggest:{position}] needs the cursor's position in the command line, a whole number from 0 to 2147483647");
        errors.ShouldNotContain("   at ");
    }

    /// <summary>Two [suggest] directives are bad usage (the completions threw: exit 1 and a stack trace); a position as int.Parse reads it, +3 say, completes.</summary>
    [Fact]
    public async Task The_suggest_directive_given_twice_is_bad_usage_and_a_signed_position_completes()
    {
        var (twice, _, errors) = await RunAsync("[suggest:1]", "[suggest:2]", "--pro");
        var (signed, output, _) = await RunAsync("[suggest:+3]", "--pro");

        twice.ShouldNotBe(0);
        twice.ShouldNotBe(1);
        errors.ShouldStartWith("error: [suggest] is given more than once");
        signed.ShouldBe(0);
        output.ShouldContain("--profile");
    }

    [Fact]
    public void The_set_option_completes_every_profile_setting()
    {
        var parsed = KitCommandLine.Read(["--set", ""], 1).Parsed;

        var completions = parsed.GetCompletions(position: 6).Select(c => c.Label).ToList();

        completions.ShouldContain("refusalOrder=");
        completions.ShouldContain("maxActiveSessions=");
    }

    [Fact]
    public void A_replay_keeps_the_options_it_needs_in_the_order_given_and_the_last_of_a_repeated_one_counts()
    {
        var options = KitOptions.Parse(
            ["--target=http://127.0.0.1:9", "--runs", "7", "--account", "a:b:list", "--seed", "3", "--seed", "4", "--set", "unknownPathStatus=400", "--steps", "9"],
            1, out var error);

        error.ShouldBeNull();
        options!.Seed.ShouldBe(4, "the last --seed counts, so a replay hint can be run with another appended");
        options.Runs.ShouldBe(7);
        options.ReplayArgs.ShouldBe(["--target", "http://127.0.0.1:9", "--account", "a:b:list", "--set", "unknownPathStatus=400", "--steps", "9"]);
    }

    /// <summary>A probe runs no scenario, so a report or JUnit file asked beside it would be left unwritten without a word.</summary>
    [Theory]
    [InlineData("--report", "probe-report.md")]
    [InlineData("--junit", "probe.xml")]
    public void A_report_asked_beside_a_probe_is_bad_usage(string option, string path)
    {
        var options = KitOptions.Parse(["--probe", "recorder.json", option, path], 1, out var error);

        options.ShouldBeNull();
        error.ShouldNotBeNull().ShouldContain("--report and --junit are for a run");
    }

    [Fact]
    public void Without_options_the_defaults_are_todays()
    {
        var options = KitOptions.Parse([], 42, out var error)!;

        error.ShouldBeNull();
        (options.Target, options.Seed, options.SeedGiven, options.Runs, options.MinChecks, options.MaxRuns, options.Steps, options.Rate).ShouldBe((null, 42, false, 100, 3, null, 30, 5.0));
        (options.Operations, options.OperationTimeout, options.Agents, options.RequireAll).ShouldBe((1000, TimeSpan.FromSeconds(10), null, false));
    }

    [Fact]
    public void The_later_of_profile_and_profile_file_counts()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, """{"name":"probed","refusalOrder":"couple-first"}""");

        var fileLast = KitOptions.Parse(["--profile", "jaxrs-lenient", "--profile-file", path], 1, out _)!;
        var nameLast = KitOptions.Parse(["--profile-file", path, "--profile", "jaxrs-lenient"], 1, out _)!;
        File.Delete(path);

        fileLast.Profile!.Name.ShouldBe("probed");
        nameLast.Profile!.Name.ShouldBe("jaxrs-lenient");
    }

    /// <summary>
    /// PSE-1 does not say how soon details show a pause. A probe that saw them show its pauses 2.4 s late writes so in the
    /// profile file, and a run against that file waits twice as long (4.8 s) without being told; --settle, given, wins, and a
    /// lag within the default wait leaves the default.
    /// </summary>
    [Theory]
    [InlineData(2.4, null, 4.8, true)]
    [InlineData(2.4, "3", 3, false)]
    [InlineData(2.4, "9", 9, false)]
    [InlineData(0.4, null, 2, false)]
    public void PSE_1_A_run_against_a_probed_profile_waits_as_long_as_the_probe_saw_the_details_lag(double lag, string? settle, double expected, bool fromProfile)
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, FormattableString.Invariant($$$"""{"name":"probed","probe":{"target":"x","settings":{},"detailsLag":{{{lag}}}}}"""));

        var options = KitOptions.Parse(settle is null ? ["--profile-file", path] : ["--profile-file", path, "--settle", settle], 1, out var error);
        File.Delete(path);

        error.ShouldBeNull();
        options!.Settle.ShouldBe(TimeSpan.FromSeconds(expected));
        options.SettleFromProfile.ShouldBe(fromProfile);
        options.ReplayArgs.Contains("--settle").ShouldBe(settle is not null, "a replay waits as the run did");
    }

    [Fact]
    public void PSE_1_A_profile_files_details_lag_that_is_no_number_of_seconds_is_refused_with_its_place()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, """{"name":"probed","probe":{"detailsLag":"soon"}}""");

        var options = KitOptions.Parse(["--profile-file", path], 1, out var error);
        File.Delete(path);

        options.ShouldBeNull();
        error.ShouldNotBeNull().ShouldContain("probe.detailsLag must be a number of seconds");
    }

    /// <summary>
    /// PSE-1: a recorder whose details lag 300 ms is allowed half a second, not a whole one; a wait that is no number of
    /// seconds (or finer than a millisecond, or a culture's decimal comma) is refused naming the option.
    /// </summary>
    [Theory]
    [InlineData("0.5", 500)]
    [InlineData("0", 0)]
    [InlineData("1.25", 1250)]
    [InlineData("7", 7000)]
    public void PSE_1_Settle_takes_seconds_with_decimals(string settle, int milliseconds)
    {
        var options = KitOptions.Parse(["--settle", settle], 1, out var error);

        error.ShouldBeNull();
        options!.Settle.ShouldBe(TimeSpan.FromMilliseconds(milliseconds));
    }

    [Theory]
    [InlineData("0,5")]
    [InlineData("-1")]
    [InlineData("0.0001")]
    [InlineData("3601")]
    [InlineData("1e3")]
    [InlineData("NaN")]
    public void PSE_1_Settle_that_is_no_number_of_seconds_is_refused_naming_the_option(string settle)
    {
        var options = KitOptions.Parse(["--settle", settle], 1, out var error);

        options.ShouldBeNull();
        error.ShouldNotBeNull().ShouldContain($"--settle needs a number of seconds from 0 to 3600, whole or with up to three decimals (0.5), not '{settle}'");
    }

    /// <summary>
    /// An escape of half a surrogate pair is no character: reading the string threw an InvalidOperationException the kit did
    /// not catch, so the run ended with a stack trace rather than a usage error.
    /// </summary>
    [Theory]
    [InlineData("""{"name":"\ud800"}""", "the escape \\ud800 at line 1, column 10 (offset 9) is half of a UTF-16 surrogate pair")]
    [InlineData("""{"name":"p","refusalOrder":"x\udc01"}""", "the escape \\udc01 at line 1, column 30 (offset 29)")]
    public void A_profile_file_that_escapes_half_of_a_surrogate_pair_is_refused_with_its_place(string json, string message)
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, json);

        var options = KitOptions.Parse(["--profile-file", path], 1, out var error);
        File.Delete(path);

        options.ShouldBeNull();
        error.ShouldNotBeNull().ShouldContain(message);
    }

    /// <summary>
    /// A byte that is not UTF-8 in a profile file was read as U+FFFD and the file taken with a value it does not hold
    /// (a name of a profile no one wrote); the simulator refuses the same file.
    /// </summary>
    [Fact]
    public void A_profile_file_with_a_byte_that_is_not_UTF_8_is_refused_with_its_place()
    {
        var path = Path.GetTempFileName();
        File.WriteAllBytes(path, [.. "{\"name\":\"p"u8, 0xFF, .. "\"}"u8]);

        var options = KitOptions.Parse(["--profile-file", path], 1, out var error);
        File.Delete(path);

        options.ShouldBeNull();
        error.ShouldNotBeNull().ShouldContain("it is not UTF-8 text: the byte at line 1, column 11 (offset 10) is not part of a UTF-8 character");
    }

    /// <summary>A profile file saved with a UTF-8 byte-order mark (as some editors save) is read as the same file without it.</summary>
    [Fact]
    public void A_profile_file_with_a_byte_order_mark_is_read()
    {
        var path = Path.GetTempFileName();
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. "{\"name\":\"p\",\"refusalOrder\":\"couple-first\"}"u8]);

        var options = KitOptions.Parse(["--profile-file", path], 1, out var error);
        File.Delete(path);

        error.ShouldBeNull();
        options.ShouldNotBeNull();
    }
}
