namespace PauseResume.Simulator.Json;

/// <summary>A value read from JSON, or the first thing wrong with it, named by its path.</summary>
public sealed record Checked<T>(T? Value, string? Error)
    where T : class
{
    public static Checked<T> Ok(T value) => new(value, null);

    public static Checked<T> Fail(string error) => new(null, error);
}
