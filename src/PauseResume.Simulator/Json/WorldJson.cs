using System.Text.Json;
using PauseResume.Simulator.Domain;

namespace PauseResume.Simulator.Json;

/// <summary>
/// A world file: <c>seed</c>, <c>profile</c> (a built-in name, or an object with <c>name</c> and settings),
/// <c>users</c> and <c>calls</c>, <c>clock</c> and <c>traffic</c>. Every part is optional; a missing list is empty.
/// </summary>
public sealed record WorldJson(int? Seed, JsonElement? Profile, IReadOnlyList<UserJson?>? Users, IReadOnlyList<CallJson?>? Calls)
{
    /// <summary>The clock's mode (<c>{"mode":"scaled","scale":60}</c>); missing: the clock stays as it is.</summary>
    public ClockChangeJson? Clock { get; init; }

    /// <summary>The traffic, which runs unless <c>"running": false</c>; missing: the traffic stays as it is.</summary>
    public TrafficChangeJson? Traffic { get; init; }

    /// <summary>The faults a simulator starts with (read by <see cref="ReadFaults(string, string)"/>); a reset keeps the faults switched on and refuses these.</summary>
    public IReadOnlyList<FaultJson?>? Faults { get; init; }

    public static Checked<World> Read(string json, string source) => Read(json, source, faultsAllowed: true);

    /// <summary>A world; with <paramref name="faultsAllowed"/> false, one that names <c>faults</c> is refused (a reset does not switch faults).</summary>
    public static Checked<World> Read(string json, string source, bool faultsAllowed) =>
        WorldReader.Read(System.Text.Encoding.UTF8.GetBytes(json), source, faultsAllowed);

    /// <summary>The <c>faults</c> of a world file, each checked, with unique names.</summary>
    public static Checked<IReadOnlyList<Faults.Fault>> ReadFaults(string json, string source) =>
        ReadFaults(System.Text.Encoding.UTF8.GetBytes(json), source);

    /// <summary>The <c>faults</c> of a world file's UTF-8 bytes; its calls are skipped, not read.</summary>
    internal static Checked<IReadOnlyList<Faults.Fault>> ReadFaults(ReadOnlySpan<byte> utf8, string source)
    {
        WorldJson? parsed;
        try
        {
            parsed = WorldReader.ReadWithoutCalls(utf8);
        }
        catch (JsonException e)
        {
            return Checked<IReadOnlyList<Faults.Fault>>.Fail($"{source}: not a valid world file: {JsonProblem.Located(e)}");
        }

        return ToFaults(parsed?.Faults, source);
    }

    /// <summary>The faults of a world file as read, each checked, with unique names.</summary>
    internal static Checked<IReadOnlyList<Faults.Fault>> ToFaults(IReadOnlyList<FaultJson?>? read, string source)
    {
        var faults = new List<Faults.Fault>();
        for (var i = 0; i < (read?.Count ?? 0); i++)
        {
            var fault = read![i]?.ToFault($"faults[{i}]") ?? Checked<Faults.Fault>.Fail($"faults[{i}]: null");
            if (fault.Error is not null || faults.Any(f => f.Name == fault.Value!.Name))
            {
                return Checked<IReadOnlyList<Faults.Fault>>.Fail($"{source}: {fault.Error ?? $"faults[{i}].name: {fault.Value!.Name} is taken by an earlier fault"}");
            }

            faults.Add(fault.Value!);
        }

        return Checked<IReadOnlyList<Faults.Fault>>.Ok(faults);
    }

    public Checked<World> ToWorld(string source)
    {
        var calls = new List<NewCall>();
        for (var i = 0; i < (Calls?.Count ?? 0); i++)
        {
            var call = Calls![i]?.ToNewCall(null, i) ?? Checked<NewCall>.Fail($"calls[{i}]: null");
            if (call.Error is not null)
            {
                return ToWorld(source, Checked<IReadOnlyList<NewCall>>.Fail(call.Error));
            }

            calls.Add(call.Value!);
        }

        return ToWorld(source, Checked<IReadOnlyList<NewCall>>.Ok(calls));
    }

    /// <summary>The world, with its calls already read (or the first mistake in them): a profile or user mistake is still named first.</summary>
    internal Checked<World> ToWorld(string source, Checked<IReadOnlyList<NewCall>> calls)
    {
        var profile = ProfileJson.Read(Profile, RecorderProfile.Default);
        if (profile.Error is not null)
        {
            return Checked<World>.Fail($"{source}: profile: {profile.Error}");
        }

        if (Users?.Count > Recorder.MaxUsers)
        {
            return Checked<World>.Fail($"{source}: users: at most {Recorder.MaxUsers}, not {Users.Count}");
        }

        var users = new List<User>();
        for (var i = 0; i < (Users?.Count ?? 0); i++)
        {
            var user = Users![i]?.ToUser($"users[{i}]") ?? Checked<User>.Fail($"users[{i}]: null");
            if (user.Error is not null)
            {
                return Checked<World>.Fail($"{source}: {user.Error}");
            }

            users.Add(user.Value!);
        }

        if (calls.Error is not null)
        {
            return Checked<World>.Fail($"{source}: {calls.Error}");
        }

        var clock = Clock?.ToSetting("clock");
        var traffic = Traffic?.ApplyTo(Simulator.Traffic.TrafficSettings.Default with { Running = true }, "traffic");
        if ((clock?.Error ?? traffic?.Error) is { } timeError)
        {
            return Checked<World>.Fail($"{source}: {timeError}");
        }

        var world = new World(Seed ?? 0, profile.Value!, users, calls.Value!) { Clock = clock?.Value, Traffic = traffic?.Value };
        return world.Problem() is { } problem ? Checked<World>.Fail($"{source}: {problem}") : Checked<World>.Ok(world);
    }
}
