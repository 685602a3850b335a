using PauseResume.Simulator.Domain;

namespace PauseResume.Simulator.Tests.Domain;

public sealed class SessionIdleTimeoutTests
{
    [Theory]
    [InlineData("1e-300")]
    [InlineData("0.001")]
    [InlineData("00:00:00.999")]
    [InlineData("-00:00:01")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("43201")]
    [InlineData("30.00:00:01")]
    [InlineData("1e300")]
    [InlineData("10675199.02:48:05.4775807")]
    public void SES_6_An_idle_timeout_under_a_second_or_over_30_days_is_refused(string value)
    {
        var change = RecorderProfile.Default.With("sessionIdleTimeout", value);

        change.Profile.ShouldBeNull($"SES-6: {value}");
        change.Error!.ShouldContain("from 00:00:01 to 30 days");
    }

    [Theory]
    [InlineData("00:00:01", 1)]
    [InlineData("30.00:00:00", 30 * 24 * 3600)]
    [InlineData("43200", 30 * 24 * 3600)]
    [InlineData("0.5", 30)]
    public void SES_6_An_idle_timeout_from_one_second_to_30_days_is_accepted(string value, int seconds)
    {
        var change = RecorderProfile.Default.With("sessionIdleTimeout", value);

        change.Error.ShouldBeNull($"SES-6: {value}");
        change.Profile!.SessionIdleTimeout.ShouldBe(TimeSpan.FromSeconds(seconds), $"SES-6: {value}");
    }
}
