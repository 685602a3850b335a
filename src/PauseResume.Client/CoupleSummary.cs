namespace PauseResume.Client;

/// <summary>A couple in the list. <see cref="DetailsLink"/> is null when the user may not see its details (LST-5).</summary>
public sealed record CoupleSummary(long Id, long CallId, Uri? DetailsLink)
{
    /// <summary>Whether this user may see the couple's details: the list carries its self link (LST-5).</summary>
    public bool MaySeeDetails => DetailsLink is not null;
}
