namespace PauseResume.LoadRun;

/// <summary>One row of the table: a server, the request sent to it (path, and the Lua script when it needs one) and the size of its answer's body.</summary>
public sealed record Scenario(string Name, Uri Server, string Path, string? Script, int BodyBytes)
{
    public Uri Url => new(Server, Path);
}
