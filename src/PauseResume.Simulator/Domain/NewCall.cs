namespace PauseResume.Simulator.Domain;

/// <summary>
/// What it takes to start a couple. Without <see cref="CallId"/> the couple starts a call of its own; with it,
/// the couple joins that call (a transfer or conference leg). Without <see cref="Start"/> it starts now.
/// Numbers and IPs follow <see cref="CallText"/>; anything else is an <see cref="ArgumentException"/>, so a call
/// the details document cannot carry never reaches the recorder, from code any more than from JSON.
/// </summary>
public sealed record NewCall(
    string CallingNumber,
    string CalledNumber,
    string? CallingIp = null,
    string? CalledIp = null,
    Direction Direction = Direction.Unknown,
    CoupleType Type = CoupleType.Normal,
    long? CallId = null,
    DateTimeOffset? Start = null)
{
    private readonly string callingNumber = Checked(CallingNumber, nameof(CallingNumber))!;
    private readonly string calledNumber = Checked(CalledNumber, nameof(CalledNumber))!;
    private readonly string? callingIp = CallingIp is null ? null : Checked(CallingIp, nameof(CallingIp));
    private readonly string? calledIp = CalledIp is null ? null : Checked(CalledIp, nameof(CalledIp));
    private readonly Direction direction = Defined(Direction, nameof(Direction));
    private readonly CoupleType type = Defined(Type, nameof(Type));
    private readonly long? callId = CallId is <= 0 ? throw new ArgumentOutOfRangeException(nameof(CallId), CallId, "a call id is positive") : CallId;

    public string CallingNumber { get => callingNumber; init => callingNumber = Checked(value, nameof(CallingNumber))!; }

    public string CalledNumber { get => calledNumber; init => calledNumber = Checked(value, nameof(CalledNumber))!; }

    public string? CallingIp { get => callingIp; init => callingIp = value is null ? null : Checked(value, nameof(CallingIp)); }

    public string? CalledIp { get => calledIp; init => calledIp = value is null ? null : Checked(value, nameof(CalledIp)); }

    public Direction Direction { get => direction; init => direction = Defined(value, nameof(Direction)); }

    public CoupleType Type { get => type; init => type = Defined(value, nameof(Type)); }

    public long? CallId
    {
        get => callId;
        init => callId = value is <= 0 ? throw new ArgumentOutOfRangeException(nameof(CallId), value, "a call id is positive") : value;
    }

    private static string? Checked(string? value, string name) =>
        CallText.Problem(value) is { } problem ? throw new ArgumentException($"{name}: {problem}", name) : value;

    private static T Defined<T>(T value, string name)
        where T : struct, Enum =>
        Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(name, value, $"not a {typeof(T).Name}");
}
