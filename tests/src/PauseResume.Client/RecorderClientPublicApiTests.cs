using System.Reflection;

namespace PauseResume.Client.Tests;

/// <summary>What an integrator relies on in the shape of the client's public API.</summary>
public sealed class RecorderClientPublicApiTests
{
    private static readonly string[] Lifetime = [nameof(RecorderClient.Dispose), nameof(RecorderClient.DisposeAsync)];

    [Fact]
    public void Every_public_operation_of_the_client_is_on_the_interface_integrators_substitute()
    {
        var map = typeof(RecorderClient).GetInterfaceMap(typeof(IRecorderClient));

        var operations = PublicMethodsOf(typeof(RecorderClient)).Where(m => !m.IsStatic && !Lifetime.Contains(m.Name));

        operations.Where(m => !map.TargetMethods.Contains(m)).Select(m => m.ToString()).ShouldBeEmpty("each is missing from IRecorderClient");
    }

    [Fact]
    public void Every_public_async_method_of_the_library_takes_a_cancellation_token()
    {
        var asyncMethods = typeof(RecorderClient).Assembly.GetExportedTypes()
            .SelectMany(PublicMethodsOf)
            .Where(m => typeof(Task).IsAssignableFrom(m.ReturnType) || m.ReturnType == typeof(ValueTask))
            .Where(m => m.Name != nameof(RecorderClient.DisposeAsync)); // IAsyncDisposable fixes its signature

        asyncMethods.Where(m => !m.GetParameters().Any(p => p.ParameterType == typeof(CancellationToken)))
            .Select(m => $"{m.DeclaringType!.Name}.{m}").ShouldBeEmpty("each lacks a CancellationToken");
    }

    private static IEnumerable<MethodInfo> PublicMethodsOf(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly).Where(m => !m.IsSpecialName);
}
