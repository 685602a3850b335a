using System.CommandLine;
using PauseResume.Simulator.Json;

namespace PauseResume.Simulator.Hosting;

/// <summary>
/// Options whose value is a type of its own, read by that type's <c>Checked&lt;T&gt; Parse(string)</c> and set on
/// <see cref="CommandLine"/> as it is: each is one <see cref="Add{T}"/> line in <see cref="CommandLine.Read"/>.
/// </summary>
internal sealed class TypedOptions(RootCommand command)
{
    private readonly List<Func<ParseResult, CommandLine, CommandLine>> setters = [];

    /// <param name="set">Where the value goes, e.g. <c>(options, clock) =&gt; options with { Clock = clock }</c>; not called when the option is absent.</param>
    public void Add<T>(string name, string value, string description, Func<string, Checked<T>> parse, Func<CommandLine, T, CommandLine> set)
        where T : class
    {
        var option = OptionKinds.Single(name, value, description, parse);
        command.Add(option);
        setters.Add((parsed, options) => parsed.GetValue(option) is { } given ? set(options, given) : options);
    }

    public CommandLine SetOn(CommandLine options, ParseResult parsed) => setters.Aggregate(options, (current, set) => set(parsed, current));
}
