namespace PauseResume.Client;

/// <summary>Where a pause or resume carries <c>paused</c> (PSE-3: the vendor names no place).</summary>
public enum PausedPlacement
{
    /// <summary>
    /// In the form body of a POST and its query string alike, so a recorder finds it wherever it looks; one that refuses
    /// the value given twice (400) is then sent it in the body alone, then in the query alone. The default.
    /// </summary>
    BodyAndQuery,

    /// <summary>In the form body of a POST only: for a recorder that joins two values into one that is no boolean.</summary>
    Body,

    /// <summary>In the query string only: for such a recorder that reads no form body.</summary>
    Query,
}
