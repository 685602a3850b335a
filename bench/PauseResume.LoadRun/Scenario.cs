namespace PauseResume.LoadRun;

/// <summary>
/// One row of the table: a server, the request sent to it (path, and the Lua script when it needs one) and the size of
/// its answer's body; <see cref="Floor"/> is the row its ratios are to (null: the row is a floor itself).
/// </summary>
public sealed record Scenario(string Name, Uri Server, string Path, string? Script, int BodyBytes, Scenario? Floor = null)
{
    public Uri Url => new(Server, Path);

    /// <summary>The row its ratios are to: its floor, or itself.</summary>
    public Scenario Baseline => Floor ?? this;
}
