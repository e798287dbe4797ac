using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using HealthScore.Core.Rules;

namespace HealthScore.Core.Actions;

public sealed partial class ActionEngine
{
    /// <summary>Evaluates the atom table into the values buffer on the stack, then the actions.</summary>
    [SkipLocalsInit]
    private ActionEvaluation Start(in RuleContext context, in ActionHistory history, Span<MatchedAction> destination, Span<RuleReading> readings, Span<bool> groupsMatched)
    {
        // The values the table loads and computes, which the number readings are built from.
        Span<double> buffer = stackalloc double[_atoms.BufferLength];
        var values = buffer[.._atoms.ValueCount];
        var atoms = _atoms.Count > 0 || values.Length > 0 ? _atoms.Evaluate(context, buffer) : 0;
        return Run(context, history, destination, readings, groupsMatched, values, atoms);
    }

    private ActionEvaluation Run(in RuleContext context, in ActionHistory history, Span<MatchedAction> destination, Span<RuleReading> readings, Span<bool> groupsMatched, ReadOnlySpan<double> values, ulong atoms)
    {
        var count = 0;
        var matched = 0;
        var fired = 0;
        var readingCount = 0;
        var candidates = _candidates;
        var termActions = _termActions;
        ref var read0 = ref MemoryMarshal.GetArrayDataReference(_reads);

        // Without any history, an action that only history can hold back (a duplicate, a cooldown) fires.
        var open = history.Fired.IsEmpty && history.Open.IsEmpty && history.ConsecutiveMatches.IsEmpty ? Gate.History : Gate.None;
        var groupBits = 0UL;
        var useBits = groupsMatched.IsEmpty;
        var last = -1;
        for (var block = 0; block < termActions.Length; block += TermBlock)
        {
            for (var hits = Hits(atoms, block); hits != 0; hits &= hits - 1)
            {
                // Terms are in priority order, an action's terms next to each other: the first that holds decides.
                var a = termActions[block + BitOperations.TrailingZeroCount(hits)];
                if (a == last || (uint)a >= (uint)candidates.Length)
                {
                    continue;
                }

                last = a;
                ref readonly var candidate = ref candidates[a];
                var group = candidate.Group;
                if (group >= 0 && (useBits ? (groupBits & (1UL << group)) != 0 : groupsMatched[group]))
                {
                    continue;
                }

                if (candidate.Program is { } program && !program.Evaluate(context))
                {
                    continue;
                }

                if (group >= 0)
                {
                    if (useBits)
                    {
                        groupBits |= 1UL << group;
                    }
                    else
                    {
                        groupsMatched[group] = true;
                    }
                }

                var action = candidate.Action;
                var status = candidate.Gate <= open ? ActionStatus.Fired : Decide(action, context, history);
                matched++;
                fired += status == ActionStatus.Fired ? 1 : 0;
                if (count >= destination.Length)
                {
                    continue;
                }

                // The candidates' reading ranges lie within _reads by construction.
                var start = readingCount;
                var stop = Math.Min(candidate.ReadEnd - candidate.ReadStart, readings.Length - readingCount) + candidate.ReadStart;
                for (var r = candidate.ReadStart; r < stop; r++)
                {
                    ref readonly var step = ref Unsafe.Add(ref read0, r);
                    if ((uint)step.Value < (uint)values.Length)
                    {
                        readings[readingCount++] = RuleReading.OfLoaded(step.Slot.Identifier, values[step.Value]);
                    }
                    else
                    {
                        readings[readingCount++] = RuleProgram.Read(context, step.Slot);
                    }
                }

                destination[count++] = new MatchedAction(action, status, start, readingCount - start);
            }
        }

        return new ActionEvaluation(count, fired, readingCount, matched);
    }

    /// <summary>Gets whether a slot's reading is its number (the value the table loads), not a text.</summary>
    private static bool IsNumberReading(SlotKind kind) => kind is not (SlotKind.Band or SlotKind.Phase or SlotKind.PreviousBand or SlotKind.Text);

    /// <summary>Gets one bit per term of a block: whether it holds for these atoms.</summary>
    private ulong Hits(ulong atoms, int block)
    {
        ref var masks = ref MemoryMarshal.GetArrayDataReference(_termMasks);
        ref var wants = ref MemoryMarshal.GetArrayDataReference(_termWants);
        var hits = 0UL;
        var length = Math.Min(TermBlock, _termMasks.Length - block);
        if (Vector256.IsHardwareAccelerated)
        {
            var bits = Vector256.Create(atoms);
            for (var t = 0; t < length; t += Vector256<ulong>.Count)
            {
                var offset = (nuint)(block + t);
                var held = Vector256.Equals(Vector256.LoadUnsafe(ref masks, offset) & bits, Vector256.LoadUnsafe(ref wants, offset));
                hits |= (ulong)held.ExtractMostSignificantBits() << t;
            }

            return hits;
        }

        for (var t = 0; t < length; t++)
        {
            var offset = block + t;
            hits |= ((Unsafe.Add(ref masks, offset) & atoms) == Unsafe.Add(ref wants, offset) ? 1UL : 0UL) << t;
        }

        return hits;
    }

    /// <summary>What can hold an action back once its condition holds, from nothing to its history or more.</summary>
    private enum Gate : byte
    {
        /// <summary>Nothing: it fires.</summary>
        None,

        /// <summary>Only its history: an open duplicate or a cooldown.</summary>
        History,

        /// <summary>A consent or a count of consecutive matches, and perhaps its history.</summary>
        Account,
    }

    /// <summary>One action in priority order: what the run needs of it, side by side.</summary>
    [StructLayout(LayoutKind.Auto)]
    private readonly struct Candidate
    {
        public Candidate(ActionRule action, RuleProgram? program, int group, int readStart, int readEnd)
        {
            Action = action;
            Program = program;
            Group = group;
            ReadStart = readStart;
            ReadEnd = readEnd;
            Gate = action.AfterConsecutiveMatches > 1 || action.ConsentIndex >= 0 ? Gate.Account
                : action.Deduplicate || action.CooldownTimes > 0 ? Gate.History
                : Gate.None;
        }

        /// <summary>The action.</summary>
        public readonly ActionRule Action;

        /// <summary>Its condition's program when the atom table does not hold the condition; otherwise null.</summary>
        public readonly RuleProgram? Program;

        /// <summary>Its group's index, or -1.</summary>
        public readonly int Group;

        /// <summary>Where its readings start in the reading steps.</summary>
        public readonly int ReadStart;

        /// <summary>Where its readings end in the reading steps.</summary>
        public readonly int ReadEnd;

        /// <summary>What can hold it back.</summary>
        public readonly Gate Gate;
    }

    /// <summary>One reading of an action: the slot it reads, and where the atom table leaves its value (-1: read from the context).</summary>
    private readonly record struct ReadStep(RuleSlot Slot, int Value);

    private static ActionStatus Decide(ActionRule action, in RuleContext context, in ActionHistory history)
    {
        var index = action.Index;
        if (action.AfterConsecutiveMatches > 1)
        {
            var previous = (uint)index < (uint)history.ConsecutiveMatches.Length ? history.ConsecutiveMatches[index] : 0;
            if (previous + 1 < action.AfterConsecutiveMatches)
            {
                return ActionStatus.WaitingForConsecutiveMatches;
            }
        }

        if (action.ConsentIndex >= 0 && !((uint)action.ConsentIndex < (uint)context.Consents.Length && context.Consents[action.ConsentIndex]))
        {
            return ActionStatus.SuppressedByConsent;
        }

        if (action.Deduplicate)
        {
            foreach (var open in history.Open)
            {
                if (open.ActionIndex == index)
                {
                    return ActionStatus.SuppressedAsDuplicate;
                }
            }
        }

        if (action.CooldownTimes > 0)
        {
            var window = TimeSpan.FromDays(action.CooldownDays);
            var windowStart = history.AsOf.UtcTicks - DateTimeOffset.MinValue.UtcTicks > window.Ticks ? history.AsOf - window : DateTimeOffset.MinValue;
            var times = 0;
            foreach (var entry in history.Fired)
            {
                if (entry.ActionIndex == index && entry.FiredAt > windowStart && entry.FiredAt <= history.AsOf)
                {
                    times++;
                }
            }

            if (times >= action.CooldownTimes)
            {
                return ActionStatus.SuppressedByCooldown;
            }
        }

        return ActionStatus.Fired;
    }
}
