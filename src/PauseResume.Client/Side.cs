namespace PauseResume.Client;

/// <summary>Which side of a couple a list filter looks at (LST-3).</summary>
public enum Side
{
    /// <summary>Either side, the server's default (<c>BOTH</c>).</summary>
    Both,

    /// <summary>The calling side (<c>CALLING</c>).</summary>
    Calling,

    /// <summary>The called side (<c>CALLED</c>).</summary>
    Called,
}
