using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using PauseResume.Conformance.Commands;
using PauseResume.Conformance.Model;

namespace PauseResume.Conformance.Scenarios;

/// <summary>
/// FsCheck generators of worlds (users of every kind of right and mask, calls on small pools of numbers and IPs so
/// filters and masks hit) and of command sequences over them.
/// </summary>
internal static class ScenarioGen
{
    private static readonly string[] Extensions = ["10011", "10012", "10021", "10022", "6001", "6002"];
    private static readonly string[] Externals = ["5550101", "5550102", "5550103"];
    private static readonly string[] Ips = ["10.0.0.5", "10.0.0.6", "10.0.1.11", "10.0.1.12", "10.0.1.21"];
    // Every form the access rules allow: a trailing ? or *, a * that matches nothing (6001*), a * or ? inside, a
    // leading one, a mask equal to a number, several masks.
    private static readonly string[][] MaskSets = [[], [], ["1001?"], ["6*"], ["10012"], ["1002?", "6*"], ["9*"], ["6001*"], ["1*2"], ["10?1*"], ["?00?2"], ["*1"], ["5550101"]];

    public static Gen<CallSpec> Call { get; } =
        from kind in Gen.Choose(0, 2)
        from extension in Gen.Elements(Extensions)
        from other in Gen.Elements(kind == 1 ? Extensions : Externals)
        from callingIp in Gen.Elements(Ips)
        from calledIp in Gen.Elements(Ips)
        select kind == 0 ? new CallSpec(other, extension, callingIp, calledIp) : new CallSpec(extension, other, callingIp, calledIp);

    private static Gen<ModelUser> User(string login) =>
        from rights in Gen.Frequency((1, Gen.Constant(0)), (2, Gen.Constant(1)), (1, Gen.Constant(2)), (4, Gen.Constant(3)))
        from masks in Gen.Elements(MaskSets)
        select new ModelUser(login, "pw-" + login, (rights & 1) != 0, (rights & 2) != 0, [.. masks]);

    /// <summary>A full-rights "admin" and three users of random rights and masks, with one to five calls.</summary>
    public static Gen<WorldSpec> World { get; } =
        from seed in Gen.Choose(1, 1_000_000)
        from count in Gen.Choose(1, 5)
        from calls in Call.ArrayOf(count)
        from u1 in User("u1")
        from u2 in User("u2")
        from u3 in User("u3")
        select new WorldSpec(seed, [new ModelUser("admin", "pw-admin", true, true, []), u1, u2, u3], [.. calls]);

    /// <summary>The steps that check each group of rules, so a scenario can be aimed at a rule checked too rarely.</summary>
    private static int Weight(string group, int weight, string? focus) =>
        focus is not null && Aims(group, focus) ? weight * 6 : weight;

    private static bool Aims(string group, string focus) => (group, focus[..3]) switch
    {
        ("login", "SES") => focus is not "SES-6",
        ("logout", "SES") => focus is "SES-5" or "SES-4",
        ("list", "LST") or ("details", "DET") or ("pause", "PSE") => true,
        ("details", "PSE") => focus == "PSE-1",
        ("get-paused", _) => focus == "PSE-4",
        ("bad-request", _) => focus is "GEN-1" or "GEN-2",
        ("wait", _) => focus == "SES-6",
        ("calls", _) => focus is "LST-7" or "GEN-3",
        _ => false,
    };

    public static Gen<Command> Step(Capabilities can, string? focus = null)
    {
        var slot = Gen.Frequency((4, Gen.Constant(0)), (2, Gen.Constant(1)), (1, Gen.Constant(2)));
        var couple = Gen.Frequency((9, Gen.Choose(0, 7).Select(i => new CoupleRef(i))), (1, Gen.Constant(CoupleRef.Missing)));
        var filter = from value in Gen.Frequency((4, Gen.Constant(ValueKind.None)), (5, Gen.Constant(ValueKind.Known)), (1, Gen.Constant(ValueKind.Nonexistent)), (1, Gen.Constant(ValueKind.Fragment)), (2, Gen.Constant(ValueKind.OfEnded)))
                     from index in Gen.Choose(0, 9)
                     from direction in Gen.Frequency(
                         (4, Gen.Constant<string?>(null)), (6, Gen.Elements(FilterSpec.ValidDirections).Select(d => (string?)d)),
                         (1, Gen.Elements(FilterSpec.InvalidDirections).Select(d => (string?)d)))
                     select new FilterSpec(value, index, direction);
        // Aimed at LST-3, half the lists have one filter, a known value with a direction of one side: the checks that tell a
        // direction read from one ignored (KitRule.Part). Two filters are LST-4's.
        // Its picks are mostly those of a value only the other side carries (1, 5, 9) or both sides do (0, 4).
        var sided = from value in Gen.Frequency((6, Gen.Constant(ValueKind.Known)), (1, Gen.Constant(ValueKind.OfEnded)))
                    from index in Gen.Elements(1, 5, 9, 0, 4, 3)
                    from direction in Gen.Elements("CALLING", "CALLED")
                    select new FilterSpec(value, index, direction);
        var login = from s in slot
                    from user in Gen.Frequency((9, Gen.Choose(0, 3)), (1, Gen.Constant(-1)))
                    from password in Gen.Frequency((8, Gen.Constant(PasswordKind.Right)), (2, Gen.Constant(PasswordKind.Wrong)), (1, Gen.Constant(PasswordKind.Missing)), (1, Gen.Constant(PasswordKind.NoLogin)), (1, Gen.Constant(PasswordKind.Repeated)))
                    from cookie in Gen.Frequency((6, Gen.Constant(true)), (1, Gen.Constant(false)))
                    from query in Gen.Frequency((12, Gen.Constant(false)), (1, Gen.Constant(true)))
                    from keep in Gen.Frequency((8, Gen.Constant(false)), (1, Gen.Constant(true)))
                    // SES-3's failed logins: where a wrong or missing password may not go to a real account, to a login
                    // that does not exist, so a recorder's lockout never locks the integrator's accounts.
                    select (Command)new LoginCommand(s, password is PasswordKind.Wrong or PasswordKind.Missing && !can.WrongPasswords ? -1 : user, password, cookie, query, keep);
        var list = focus == "LST-3"
            ? Gen.Frequency(
                (1, from s in slot from phone in filter from ip in filter select (Command)new ListCommand(s, phone, ip)),
                (1, from s in slot from onPhone in Gen.Elements(true, false) from f in sided select (Command)(onPhone ? new ListCommand(s, f, FilterSpec.None) : new ListCommand(s, FilterSpec.None, f))))
            : from s in slot from phone in filter from ip in filter select (Command)new ListCommand(s, phone, ip);
        var details = from s in slot from c in couple from viaLink in Gen.Elements(true, false) select (Command)new DetailsCommand(s, c, viaLink);
        var setPaused = from s in slot
                        from c in couple
                        from put in Gen.Elements(true, false)
                        from value in Gen.Frequency((6, Gen.Constant(PausedValue.True)), (6, Gen.Constant(PausedValue.False)), (1, Gen.Constant(PausedValue.TypoTrue)), (1, Gen.Constant(PausedValue.Missing)), (1, Gen.Constant(PausedValue.Garbage)), (1, Gen.Constant(PausedValue.Conflicting)))
                        from query in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
                        // Two values in the query say no more than two in the body: that draw sends paused=true in the
                        // body and the query alike instead (repeatedPaused=refused-any), leaving every other draw as it was.
                        let everywhere = value == PausedValue.Conflicting && query
                        select (Command)new SetPausedCommand(s, c, put, everywhere ? PausedValue.TrueEverywhere : value, query && !everywhere);
        var steps = new List<(int, Gen<Command>)>
        {
            (Weight("login", 20, focus), login),
            (Weight("logout", 4, focus), from s in slot from keep in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true))) select (Command)new LogoutCommand(s, keep)),
            (Weight("list", 20, focus), list),
            (Weight("details", 15, focus), details),
            (Weight("get-paused", 2, focus), from s in slot from c in couple select (Command)new ReadPausedStateCommand(s, c)),
            (Weight("bad-request", 2, focus), from s in slot from kind in Gen.Elements(BadRequestKind.UnknownPath, BadRequestKind.WrongMethod, BadRequestKind.OtherCase, BadRequestKind.OtherCase) from variant in Gen.Choose(0, 9) select (Command)new BadRequestCommand(s, kind, variant)),
        };
        if (can.Pause)
        {
            steps.Add((Weight("pause", 24, focus), setPaused));
        }

        if (can.Control)
        {
            // One call in four joins the call of a couple the model knows: a transfer or conference leg (pauseScope, PSE-1).
            var joins = Gen.Frequency((3, Gen.Constant<CoupleRef?>(null)), (1, Gen.Choose(0, 7).Select(i => (CoupleRef?)new CoupleRef(i))));
            steps.Add((Weight("calls", 4, focus), from c in Call from j in joins select (Command)new StartCallCommand(c, j)));
            steps.Add((Weight("calls", 4, focus), couple.Select(c => (Command)new EndCallCommand(c))));
        }

        if (can.Clock && (!can.RealClock || focus == "SES-6"))
        {
            steps.Add((Weight("wait", can.RealClock ? 1 : 3, focus), Gen.Elements(5, 29, 31, 45).Select(m => (Command)new AdvanceTimeCommand(m))));
            if (!can.RealClock)
            {
                // SES-6's boundary: idle exactly the timeout (expired, as a servlet container's >= decides) or a second short.
                steps.Add((Weight("wait", 1, focus), Gen.Elements(0, 1).Select(s => (Command)new AdvanceTimeCommand(0, s))));
            }
        }

        return Gen.Frequency(steps.ToArray());
    }

    /// <summary>Most scenarios open with a good login, so that later steps meet a live session more often than not.</summary>
    public static Gen<Scenario> Scenario(Capabilities can, WorldSpec? observed, int maxSteps, string? focus = null) =>
        from world in observed is null ? World : Gen.Constant(observed)
        from opening in Gen.Frequency((4, Gen.Choose(0, 3).Select(u => (Command?)new LoginCommand(0, u, PasswordKind.Right, true))), (1, Gen.Constant<Command?>(null)))
        from length in Gen.Choose(1, maxSteps)
        from steps in Step(can, focus).ArrayOf(length)
        select new Scenario(world, Followed(opening is null ? [.. steps] : [opening, .. steps]));

    /// <summary>
    /// Steps appended after some drawn steps (appended, not drawn, so every other draw of a seed is as before).
    /// Whether a session outlived a wait is SES-6's inferred timeout, which no other setting can explain: every wait is
    /// followed at once by a plain list of each slot that logged in before it. So a server whose timeout differs shows it
    /// there, as SES-6, before a later request of that session (a bad direction, a pause) meets the model's wrong idea of
    /// it and is put down to an unrelated setting. A wait to SES-6's boundary is slot A's, so A's list follows it even if
    /// A never logged in.
    /// A leg that joins a call is followed by slot A's pause of the couple it joined (a paused one where there is one; where
    /// none is, a couple it changes, as any drawn pause), and half of them (those of an even index, no draw of their own)
    /// are preceded by the same pause too: then the leg joins a paused call, its legs differ, and the second pause, which
    /// changes nothing on the couple named, meets a leg in the other state, an order of steps drawn too rarely otherwise.
    /// Its answer is unchangedPauseStatus (PSE-3); under pauseScope=call whether it reaches the new leg is
    /// unchangedPauseReach (PSE-1). The other half join a recording call where no couple is paused, so a pause of a leg
    /// that changes it meets another in the same state (pauseScope).
    /// </summary>
    private static ImmutableArray<Command> Followed(Command[] steps)
    {
        var followed = ImmutableArray.CreateBuilder<Command>(steps.Length);
        var loggedIn = new SortedSet<int>();
        foreach (var step in steps)
        {
            if (step is StartCallCommand { Joins: { Index: var even } joining } && even % 2 == 0)
            {
                followed.Add(new SetPausedCommand(0, joining with { PausedFirst = true }, Put: false, PausedValue.True, InQuery: false));
            }

            followed.Add(step);
            if (step is LoginCommand login)
            {
                loggedIn.Add(login.Slot);
            }
            else if (step is AdvanceTimeCommand wait)
            {
                followed.AddRange(loggedIn.Union(wait.ShortOfTimeout is null ? [] : [0]).Order().Select(slot => new ListCommand(slot, FilterSpec.None, FilterSpec.None)));
            }
            else if (step is StartCallCommand { Joins: { } joins })
            {
                followed.Add(new SetPausedCommand(0, joins with { PausedFirst = true }, Put: false, PausedValue.True, InQuery: false));
            }
        }

        return followed.ToImmutable();
    }

    /// <summary>Run <paramref name="run"/> of a kit run with <paramref name="seed"/>: the same seed and run give the same scenario.</summary>
    public static Scenario Sample(Gen<Scenario> gen, int seed, int run, int size) =>
        gen.Sample(1, new Rnd(unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)run)), size)[0];
}
