using PauseResume.Simulator.Hosting;

namespace PauseResume.Simulator.Tests.Hosting;

/// <summary>What the simulator's command line prints instead of starting: help, completions, and bad usage.</summary>
public sealed class CommandLineHelpTests
{
    /// <summary>Every option the simulator has had since its first command line; a change here is a change for its users.</summary>
    public static TheoryData<string> Options =>
        ["--urls", "--world", "--seed", "--profile", "--profile-file", "--set", "--no-control", "--control-token", "--allow-remote", "--help"];

    private static async Task<(int Exit, string Output, string Errors)> ReplyAsync(params string[] args)
    {
        var parsed = CommandLine.Read(args, FakeRecorder.Epoch);
        parsed.Options.ShouldBeNull("the command line asked for no run");
        var output = new StringWriter();
        var errors = new StringWriter();
        var exit = await parsed.ReplyAsync(output, errors);
        return (exit, output.ToString(), errors.ToString());
    }

    [Theory]
    [MemberData(nameof(Options))]
    public async Task Help_lists_every_option_and_exits_0(string option)
    {
        var (exit, output, errors) = await ReplyAsync("--help");

        exit.ShouldBe(0, errors);
        output.ShouldMatch($@"(?m)^\s+(-\S+, )*{option}\b", $"--help names {option}");
        output.ShouldContain("refusalOrder=call-list-first|couple-first|rights-first", Case.Sensitive, "--set's help says what each setting accepts");
        output.ShouldContain("[default: 8100]", Case.Sensitive, "the default seed is shown");
    }

    [Fact]
    public async Task Bad_usage_exits_2_with_the_error_alone_on_the_error_stream_and_a_pointer_to_the_help()
    {
        var (exit, output, errors) = await ReplyAsync("--seed", "many");

        exit.ShouldBe(2);
        output.ShouldBeEmpty();
        errors.ShouldStartWith("error: --seed needs a whole number, not 'many'");
        errors.ShouldNotContain("--profile-file <PATH>", Case.Sensitive, "the error is not buried under the help");
        errors.ShouldContain("--help");
        errors.Trim().Split('\n').Length.ShouldBe(2);
    }

    [Theory]
    [InlineData("[suggest] --pro", "--profile\n--profile-file\n")]
    [InlineData("[suggest:10] --profile ", "default\njaxrs-lenient\n")]
    [InlineData("[suggest:13] --set refusal", "refusalOrder=\n")]
    public async Task The_suggest_directive_completes_options_and_their_values(string commandLine, string completions)
    {
        // As a shell's completion script passes it: the directive, then the command line typed so far as one word.
        var (exit, output, _) = await ReplyAsync(commandLine.Split(' ', 2));

        exit.ShouldBe(0);
        output.ReplaceLineEndings("\n").ShouldBe(completions);
    }

    /// <summary>A position that is not a whole number from 0 is bad usage, one line and exit 2 (the completions threw: exit 1 and a stack trace).</summary>
    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("99999999999")]
    public async Task The_suggest_directive_with_a_position_that_is_no_position_is_bad_usage(string position)
    {
        var (exit, _, errors) = await ReplyAsync([$"[suggest:{position}]", "--profile "]);

        exit.ShouldBe(2);
        errors.ShouldStartWith($"error: [suggest:{position}] needs the cursor's position in the command line, a whole number from 0 to 2147483647");
        errors.ShouldNotContain("   at ");
    }

    /// <summary>Two [suggest] directives are bad usage (the completions threw: exit 1 and a stack trace); a position as int.Parse reads it, +3 say, completes.</summary>
    [Fact]
    public async Task The_suggest_directive_given_twice_is_bad_usage_and_a_signed_position_completes()
    {
        var (twice, _, errors) = await ReplyAsync("[suggest:1]", "[suggest:2]", "--pro");
        var (signed, output, _) = await ReplyAsync("[suggest:+3]", "--pro");

        twice.ShouldNotBe(0);
        twice.ShouldNotBe(1);
        errors.ShouldStartWith("error: [suggest] is given more than once");
        signed.ShouldBe(0);
        output.ShouldContain("--profile");
    }
}
