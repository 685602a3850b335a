namespace PauseResume.Simulator.Json;

/// <summary>The answer to a reset: how many users and calls the recorder starts again from, and its profile's name.</summary>
public sealed record ResetJson(int Users, int Calls, string Profile);
