using System.CommandLine;
using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Json;

namespace PauseResume.Simulator.Tests.Hosting;

/// <summary>An option whose value has a type and parser of its own is one line, and reads like the others.</summary>
public sealed class TypedOptionsTests
{
    private static readonly CommandLine Start = CommandLine.Parse([], FakeRecorder.Epoch, out _)!;

    private static Checked<string> Colour(string text) =>
        text is "red" or "blue" ? Checked<string>.Ok(text) : Checked<string>.Fail($"a colour is red or blue, not '{text}'");

    private static (CommandLine? Options, IReadOnlyList<string> Errors) Parse(params string[] args)
    {
        var command = new RootCommand();
        var typed = new TypedOptions(command);
        typed.Add("--colour", "COLOUR", "a colour", Colour, (options, colour) => options with { WorldSource = colour });

        var parsed = command.Parse(args);

        return (parsed.Errors.Count == 0 ? typed.SetOn(Start, parsed) : null, [.. parsed.Errors.Select(e => e.Message)]);
    }

    [Fact]
    public void A_given_value_is_parsed_by_its_type_and_set_where_the_line_says()
    {
        Parse("--colour", "red").Options!.WorldSource.ShouldBe("red");
    }

    [Fact]
    public void An_absent_option_leaves_the_command_line_as_it_was()
    {
        Parse().Options.ShouldBe(Start);
    }

    [Fact]
    public void The_parsers_message_is_the_error_named_by_its_option()
    {
        Parse("--colour", "green").Errors.ShouldHaveSingleItem().ShouldBe("--colour: a colour is red or blue, not 'green'");
    }
}
