using System.Text.Json;
using System.Text.Json.Serialization;

namespace PauseResume.Simulator.Tests.Support;

/// <summary>
/// The JSON metadata of what the tests themselves read and write. This project runs with reflection-based JSON off
/// (as the Native AOT simulator does), so every type the simulator serializes must come from its generated context;
/// the tests' own types come from here. The fuzzer's bodies are dictionaries of these value types.
/// </summary>
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(Dictionary<string, object?>))]
[JsonSerializable(typeof(List<Dictionary<string, object?>>))]
[JsonSerializable(typeof(List<object?>))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(DateTimeOffset))]
internal sealed partial class TestJsonContext : JsonSerializerContext;
