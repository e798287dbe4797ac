using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using HealthScore.Core.Rules;

namespace HealthScore.Core.Actions;

public sealed partial class ActionEngine
{
    [SkipLocalsInit]
    private ActionEvaluation Run(in RuleContext context, in ActionHistory history, Span<MatchedAction> destination, Span<RuleReading> readings, Span<bool> groupsMatched)
    {
        var count = 0;
        var matched = 0;
        var fired = 0;
        var readingCount = 0;
        var actions = _byPriority;
        var groups = _priorityGroups;
        var programs = _programs;
        var alwaysFires = _alwaysFires;
        var termActions = _termActions;
        var readStarts = _readStarts;
        var readIndexes = _readIndexes;
        var readSlots = _readSlots;
        var readValues = _readValues;
        var readIdentifiers = _readIdentifiers;

        // The values the table loads and computes, which the number readings are built from.
        Span<double> values = stackalloc double[_atoms.ValueCount];
        var atoms = _atoms.Count > 0 || values.Length > 0 ? _atoms.Evaluate(context, values) : 0;
        var groupBits = 0UL;
        var useBits = groupsMatched.IsEmpty;
        var last = -1;
        for (var block = 0; block < termActions.Length; block += TermBlock)
        {
            for (var hits = Hits(atoms, block); hits != 0; hits &= hits - 1)
            {
                // Terms are in priority order, an action's terms next to each other: the first that holds decides.
                var a = termActions[block + BitOperations.TrailingZeroCount(hits)];
                if (a == last || (uint)a >= (uint)actions.Length || (uint)a >= (uint)groups.Length || (uint)a >= (uint)programs.Length)
                {
                    continue;
                }

                last = a;
                var group = groups[a];
                if (group >= 0 && (useBits ? (groupBits & (1UL << group)) != 0 : groupsMatched[group]))
                {
                    continue;
                }

                if (programs[a] is { } program && !program.Evaluate(context))
                {
                    continue;
                }

                var action = actions[a];
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

                var status = alwaysFires[a] ? ActionStatus.Fired : Decide(action, context, history);
                matched++;
                if (status == ActionStatus.Fired)
                {
                    fired++;
                }

                if (count >= destination.Length)
                {
                    continue;
                }

                var start = readingCount;
                for (var r = readStarts[a]; r < readStarts[a + 1] && readingCount < readings.Length; r++)
                {
                    var value = readValues[r];
                    if ((uint)value < (uint)values.Length)
                    {
                        readings[readingCount++] = new RuleReading(readIdentifiers[r], values[value], null);
                    }
                    else
                    {
                        readings[readingCount++] = RuleProgram.Read(context, readSlots[readIndexes[r]]);
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
