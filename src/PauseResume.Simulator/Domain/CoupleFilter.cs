namespace PauseResume.Simulator.Domain;

/// <summary>The list filters of LST-3; a null value means that filter is not applied, and both must match (LST-4).</summary>
public sealed record CoupleFilter(string? PhoneNumber = null, Side PhoneNumberSide = Side.Both, string? IpAddress = null, Side IpAddressSide = Side.Both)
{
    public static CoupleFilter None { get; } = new();

    public bool Matches(Couple couple) =>
        (PhoneNumber is null || OnSide(PhoneNumberSide, couple.CallingNumber, couple.CalledNumber, PhoneNumber))
        && (IpAddress is null || OnSide(IpAddressSide, couple.CallingIp, couple.CalledIp, IpAddress));

    // LST-6: values match exactly, no substring and no case folding.
    private static bool OnSide(Side side, string? calling, string? called, string value) =>
        (side != Side.Called && string.Equals(calling, value, StringComparison.Ordinal))
        || (side != Side.Calling && string.Equals(called, value, StringComparison.Ordinal));
}
