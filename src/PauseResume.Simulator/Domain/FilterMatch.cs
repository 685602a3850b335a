namespace PauseResume.Simulator.Domain;

/// <summary>
/// How a list filter's value matches a number or an address (LST-6 is inferred: values match exactly; a recorder that
/// queries its database with SQL's LIKE may match the start of one, or any part).
/// </summary>
public enum FilterMatch
{
    /// <summary>The whole number or address, as written.</summary>
    Exact,

    /// <summary>Its start (<c>10012</c> finds <c>100123</c>), as LIKE 'value%'.</summary>
    Prefix,

    /// <summary>Any part of it, as LIKE '%value%'.</summary>
    Part,
}
