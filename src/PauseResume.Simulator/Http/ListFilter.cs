using Microsoft.AspNetCore.WebUtilities;
using PauseResume.Simulator.Domain;

namespace PauseResume.Simulator.Http;

/// <summary>Reads the list filters of LST-3 from the query string, as a JAX-RS server converts them (LST-6).</summary>
internal static class ListFilter
{
    public const string PhoneNumber = "phoneNumber";
    public const string PhoneNumberDirection = "phoneNumberDirection";
    public const string IpAddress = "ipAddress";
    public const string IpAddressDirection = "ipAddressDirection";

    /// <summary>
    /// The query's parameters in their order and spelling. Read from the raw query string because ASP.NET Core's query
    /// collection matches names in any case, and a JAX-RS <c>@QueryParam</c> does not: <c>phonenumber</c> filters nothing.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Read(QueryString query)
    {
        var parameters = new List<KeyValuePair<string, string>>();
        foreach (var pair in new QueryStringEnumerable(query.Value))
        {
            parameters.Add(new(pair.DecodeName().ToString(), pair.DecodeValue().ToString()));
        }

        return parameters;
    }

    /// <summary>The filter, or null with <paramref name="error"/> set when a direction that is read is not CALLING, CALLED or BOTH.</summary>
    public static CoupleFilter? Parse(IReadOnlyList<KeyValuePair<string, string>> query, DirectionWithoutValue withoutValue, DirectionCase directionCase, EmptyDirection emptyDirection, out string? error)
    {
        error = null;
        var phoneNumber = First(query, PhoneNumber);
        var ipAddress = First(query, IpAddress);
        var phoneSide = Side(query, PhoneNumberDirection, phoneNumber, withoutValue, directionCase, emptyDirection, ref error);
        var ipSide = Side(query, IpAddressDirection, ipAddress, withoutValue, directionCase, emptyDirection, ref error);
        return error is null
            ? new CoupleFilter(phoneNumber, phoneSide, ipAddress, ipSide)
            : null;
    }

    /// <summary>
    /// LST-3: what the query carries beyond the four filters, names only (a value may be a secret); a JAX-RS resource
    /// ignores any parameter it does not declare, and names are case-sensitive (<c>phonenumber</c> is not a filter).
    /// </summary>
    public static IReadOnlyList<string> Unknown(IReadOnlyList<KeyValuePair<string, string>> query) => query.All(p => IsFilter(p.Key))
        ? []
        : [.. query.Select(p => p.Key).Where(name => !IsFilter(name)).Distinct(StringComparer.Ordinal)];

    /// <summary>What the log says of <see cref="Unknown"/>: nothing, or that they were ignored as the real recorder ignores them.</summary>
    public static string Ignored(IReadOnlyList<string> unknown) => unknown.Count == 0
        ? string.Empty
        : $"; ignored the unknown parameter(s) {string.Join(", ", unknown.Select(Shorten))}, as the real recorder ignores them too "
          + $"(LST-3: the filters are {PhoneNumber}, {PhoneNumberDirection}, {IpAddress}, {IpAddressDirection})";

    private static bool IsFilter(string name) => name is PhoneNumber or PhoneNumberDirection or IpAddress or IpAddressDirection;

    private static string? First(IReadOnlyList<KeyValuePair<string, string>> query, string name)
    {
        for (var i = 0; i < query.Count; i++) // by index: no enumerator to allocate for each of the four names
        {
            if (string.Equals(query[i].Key, name, StringComparison.Ordinal))
            {
                return query[i].Value;
            }
        }

        return null;
    }

    private static Side Side(IReadOnlyList<KeyValuePair<string, string>> query, string name, string? filterValue, DirectionWithoutValue withoutValue, DirectionCase directionCase, EmptyDirection emptyDirection, ref string? error)
    {
        // LST-6: a server may read a direction only where its filter applies; then an invalid one without a value is no error.
        var value = filterValue is null && withoutValue == DirectionWithoutValue.Ignored ? null : First(query, name);
        if (value is { Length: 0 } && emptyDirection == EmptyDirection.None)
        {
            value = null; // under emptyDirection=none, as absent
        }
        else if (directionCase == DirectionCase.Any && value is not null)
        {
            // Under directionCase=any the words in any case, as Java upper-cases them: a dotless ı (a Turkish locale's lower
            // case of I) is an I there, where .NET's invariant culture keeps it.
            value = value.ToUpperInvariant().Replace('\u0131', 'I') is var upper && upper is "CALLING" or "CALLED" or "BOTH" ? upper : value;
        }

        switch (value)
        {
            case null or "BOTH": // LST-3: absent means BOTH
                return Domain.Side.Both;
            case "CALLING":
                return Domain.Side.Calling;
            case "CALLED":
                return Domain.Side.Called;
            default:
                error ??= directionCase == DirectionCase.Exact ? $"{name}={Shorten(value)} is not CALLING, CALLED or BOTH (upper case)" : $"{name}={Shorten(value)} is not CALLING, CALLED or BOTH (directionCase=any)";
                return Domain.Side.Both;
        }
    }

    /// <summary>A value as a message quotes it (<see cref="ClientText.Quoted"/>): its first 40 characters, saying how long it was.</summary>
    internal static string Shorten(string value) => value.Length <= 40 ? ClientText.Quoted(value) : $"{ClientText.Quoted(value[..40])[..^1]}…' ({value.Length} characters)";
}
