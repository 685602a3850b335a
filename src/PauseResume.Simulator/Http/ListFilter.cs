using PauseResume.Simulator.Domain;

namespace PauseResume.Simulator.Http;

/// <summary>Reads the list filters of LST-3 from the query string, as a JAX-RS server converts them (LST-6).</summary>
internal static class ListFilter
{
    public const string PhoneNumber = "phoneNumber";
    public const string PhoneNumberDirection = "phoneNumberDirection";
    public const string IpAddress = "ipAddress";
    public const string IpAddressDirection = "ipAddressDirection";

    /// <summary>The filter, or null with <paramref name="error"/> set when a direction that is read is not CALLING, CALLED or BOTH.</summary>
    public static CoupleFilter? Parse(IQueryCollection query, DirectionWithoutValue withoutValue, out string? error)
    {
        error = null;
        var phoneNumber = First(query, PhoneNumber);
        var ipAddress = First(query, IpAddress);
        var phoneSide = Side(query, PhoneNumberDirection, phoneNumber, withoutValue, ref error);
        var ipSide = Side(query, IpAddressDirection, ipAddress, withoutValue, ref error);
        return error is null
            ? new CoupleFilter(phoneNumber, phoneSide, ipAddress, ipSide)
            : null;
    }

    private static string? First(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) ? values[0] ?? string.Empty : null;

    private static Side Side(IQueryCollection query, string name, string? filterValue, DirectionWithoutValue withoutValue, ref string? error)
    {
        // LST-6: a server may read a direction only where its filter applies; then an invalid one without a value is no error.
        var value = filterValue is null && withoutValue == DirectionWithoutValue.Ignored ? null : First(query, name);
        switch (value)
        {
            case null or "BOTH": // LST-3: absent means BOTH
                return Domain.Side.Both;
            case "CALLING":
                return Domain.Side.Calling;
            case "CALLED":
                return Domain.Side.Called;
            default:
                error ??= $"{name}={Shorten(value)} is not CALLING, CALLED or BOTH (upper case)";
                return Domain.Side.Both;
        }
    }

    internal static string Shorten(string value) => value.Length <= 40 ? $"'{value}'" : $"'{value[..40]}…' ({value.Length} characters)";
}
