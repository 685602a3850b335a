using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using PauseResume.Simulator.Http;

namespace PauseResume.Simulator.Json;

/// <summary>
/// Every type the control API, the dashboard's events and world files read or write, with the options of
/// <see cref="JsonDefaults.Options"/>: the serializer's metadata is generated when the library is compiled, not found by
/// reflection at the first request, so a Native AOT build (which trims that reflection away) writes the same JSON.
/// The answers are declared as lists, not as sequences: the serializer writes an answer by its declared type only
/// when that is the type it holds.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(CallJson))]
[JsonSerializable(typeof(CoupleJson))]
[JsonSerializable(typeof(List<CoupleJson>))]
[JsonSerializable(typeof(UserJson))]
[JsonSerializable(typeof(List<UserJson>))]
[JsonSerializable(typeof(WorldJson))]
[JsonSerializable(typeof(ResetJson))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(JsonElement?))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(AuditJson))]
[JsonSerializable(typeof(ClockJson))]
[JsonSerializable(typeof(ClockChangeJson))]
[JsonSerializable(typeof(AdvanceJson))]
[JsonSerializable(typeof(TrafficJson))]
[JsonSerializable(typeof(TrafficChangeJson))]
[JsonSerializable(typeof(FaultJson))]
[JsonSerializable(typeof(List<FaultJson>))]
[JsonSerializable(typeof(int?))]
[JsonSerializable(typeof(IReadOnlyList<UserJson?>))]
[JsonSerializable(typeof(IReadOnlyList<FaultJson?>))]
[JsonSerializable(typeof(DashboardSnapshotJson))]
[JsonSerializable(typeof(DashboardStateJson))]
[JsonSerializable(typeof(IReadOnlyList<RequestLogEntry>))]
// The response types the control API's OpenAPI document describes, made from these same metadata.
[JsonSerializable(typeof(IReadOnlyList<CoupleJson>))]
[JsonSerializable(typeof(IReadOnlyList<UserJson>))]
[JsonSerializable(typeof(IReadOnlyList<FaultJson>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(string))]
internal sealed partial class SimulatorJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The control API's answers: as <see cref="Default"/>, but with only what JSON itself needs escaped, so that the
    /// arrows, ellipses, ampersands and apostrophes of the log and the audit read as written in a terminal (the answers
    /// are <c>application/json</c>, never put into a page as markup).
    /// </summary>
    public static SimulatorJsonContext Answers => answers ??= new(new JsonSerializerOptions(Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static SimulatorJsonContext? answers; // made at first use: Default is made by a static field of its own
}
