using PauseResume.Simulator.Domain;

namespace PauseResume.Simulator.Hosting;

/// <summary>The world the simulator started from, which an empty reset returns to.</summary>
public sealed record StartWorld(World World);
