namespace PauseResume.Simulator.Domain;

/// <summary>The values of one choice setting by their names: read in any case, written as listed.</summary>
internal sealed class SettingChoices<T>(params (string Name, T Value)[] choices)
    where T : struct, Enum
{
    /// <summary>The accepted names, for error messages: <c>'a', 'b' or 'c'</c>.</summary>
    public string Expected { get; } =
        string.Join(", ", choices[..^1].Select(c => $"'{c.Name}'")) + $" or '{choices[^1].Name}'";

    public T? Parse(string value)
    {
        foreach (var (name, choice) in choices)
        {
            if (string.Equals(name, value, StringComparison.OrdinalIgnoreCase))
            {
                return choice;
            }
        }

        return null;
    }

    public string NameOf(T value) => choices.First(c => EqualityComparer<T>.Default.Equals(c.Value, value)).Name;
}
