using System.Runtime.CompilerServices;

namespace HealthScore.Core.Rules;

/// <summary>The operations of the rule machine. Values are doubles: numbers, 1/0 for true/false, indexes for bands and phases, NaN for missing.</summary>
internal enum OpCode : byte
{
    /// <summary>Push <c>Numbers[A]</c>.</summary>
    Constant,

    /// <summary>Push the value of slot kind A, index B.</summary>
    Load,
    Not,
    Negate,
    Add,
    Subtract,
    Multiply,
    Divide,
    Remainder,
    Equal,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,

    /// <summary>Replace the top A values by their minimum (missing if any is missing).</summary>
    Min,

    /// <summary>Replace the top A values by their maximum (missing if any is missing).</summary>
    Max,
    Abs,
    IsMissing,

    /// <summary>Replace the top value by whether it equals one of <c>Numbers[A..A+B]</c>.</summary>
    InSet,

    /// <summary>Replace operand, low, high by low &lt;= operand &lt;= high.</summary>
    Between,

    /// <summary>If the top is false, jump to A keeping it; otherwise pop it.</summary>
    JumpIfFalseElsePop,

    /// <summary>If the top is true, jump to A keeping it; otherwise pop it.</summary>
    JumpIfTrueElsePop,

    /// <summary>Push whether text operands A and B are equal (an operand ≥ 0 is a text field, &lt; 0 is <c>Strings[~operand]</c>).</summary>
    TextEqual,
    TextNotEqual,

    /// <summary>Push whether text operand A equals one of <c>Strings[B..B+count]</c>, the count being the next instruction's A.</summary>
    TextIn,
    TextIsMissing,
}

/// <summary>What an identifier reads from the <see cref="RuleContext"/>.</summary>
internal enum SlotKind : byte
{
    Score,
    Band,
    Phase,
    Coverage,
    PreviousScore,
    PreviousBand,
    Delta,
    BandChanged,
    PhaseChanged,
    DaysInPhase,
    TenureDays,
    DaysToRenewal,
    Metric,
    Group,
    Number,
    Flag,
    Text,
    Consent,
    HistoryChange,
    HistoryLowest,
    HistoryHighest,
    DaysInBand,
    ConsecutiveDeclines,
    Overridden,
}

internal readonly record struct Instruction(OpCode Op, int A, int B);

/// <summary>One identifier a rule reads, as written.</summary>
internal readonly record struct RuleSlot(string Identifier, SlotKind Kind, int Index);

/// <summary>
/// A compiled rule: a postfix program over doubles run by a small stack machine on a stack-allocated stack. The
/// machine has no instruction that reaches outside the <see cref="RuleContext"/>, allocates, or can throw on data.
/// </summary>
internal sealed class RuleProgram(Instruction[] code, double[] numbers, string[] strings, int maxStack, RuleSlot[] reads, Atom[]? conjunction)
{
    public const int StackLimit = 256;

    public RuleSlot[] Reads { get; } = reads;

    /// <summary>Gets the rule as a conjunction of atoms, or null when it has another shape.</summary>
    public Atom[]? Conjunction { get; } = conjunction;

    /// <summary>Gets the instructions, for <see cref="RuleForms"/> to take the rule apart into atoms.</summary>
    internal ReadOnlySpan<Instruction> Code => code;

    /// <summary>Gets the constant numbers the instructions refer to.</summary>
    internal ReadOnlySpan<double> Numbers => numbers;

    /// <summary>Gets the constant strings the instructions refer to.</summary>
    internal ReadOnlySpan<string> Strings => strings;

    [SkipLocalsInit]
    public bool Evaluate(in RuleContext context)
    {
        Span<double> stack = stackalloc double[maxStack];
        var sp = 0;
        var program = code;
        for (var pc = 0; pc < program.Length; pc++)
        {
            var instruction = program[pc];
            switch (instruction.Op)
            {
                case OpCode.Constant:
                    stack[sp++] = numbers[instruction.A];
                    break;
                case OpCode.Load:
                    stack[sp++] = Load(context, (SlotKind)instruction.A, instruction.B);
                    break;
                case OpCode.Not:
                    stack[sp - 1] = stack[sp - 1] == 1 ? 0 : 1;
                    break;
                case OpCode.Negate:
                    stack[sp - 1] = -stack[sp - 1];
                    break;
                case OpCode.Add:
                    sp--;
                    stack[sp - 1] = Finite(stack[sp - 1] + stack[sp]);
                    break;
                case OpCode.Subtract:
                    sp--;
                    stack[sp - 1] = Finite(stack[sp - 1] - stack[sp]);
                    break;
                case OpCode.Multiply:
                    sp--;
                    stack[sp - 1] = Finite(stack[sp - 1] * stack[sp]);
                    break;
                case OpCode.Divide:
                    sp--;
                    stack[sp - 1] = Finite(stack[sp - 1] / stack[sp]);
                    break;
                case OpCode.Remainder:
                    sp--;
                    stack[sp - 1] = Finite(stack[sp - 1] % stack[sp]);
                    break;
                case OpCode.Equal:
                    sp--;
                    stack[sp - 1] = stack[sp - 1] == stack[sp] ? 1 : 0;
                    break;
                case OpCode.NotEqual:
                    sp--;
                    stack[sp - 1] = !double.IsNaN(stack[sp - 1]) && !double.IsNaN(stack[sp]) && stack[sp - 1] != stack[sp] ? 1 : 0;
                    break;
                case OpCode.Less:
                    sp--;
                    stack[sp - 1] = stack[sp - 1] < stack[sp] ? 1 : 0;
                    break;
                case OpCode.LessEqual:
                    sp--;
                    stack[sp - 1] = stack[sp - 1] <= stack[sp] ? 1 : 0;
                    break;
                case OpCode.Greater:
                    sp--;
                    stack[sp - 1] = stack[sp - 1] > stack[sp] ? 1 : 0;
                    break;
                case OpCode.GreaterEqual:
                    sp--;
                    stack[sp - 1] = stack[sp - 1] >= stack[sp] ? 1 : 0;
                    break;
                case OpCode.Min:
                case OpCode.Max:
                    {
                        var count = instruction.A;
                        var result = stack[sp - count];
                        for (var i = sp - count + 1; i < sp; i++)
                        {
                            // Math.Min/Max propagate NaN: a missing argument makes the result missing.
                            result = instruction.Op == OpCode.Min ? Math.Min(result, stack[i]) : Math.Max(result, stack[i]);
                        }

                        sp -= count - 1;
                        stack[sp - 1] = result;
                        break;
                    }

                case OpCode.Abs:
                    stack[sp - 1] = Math.Abs(stack[sp - 1]);
                    break;
                case OpCode.IsMissing:
                    stack[sp - 1] = double.IsNaN(stack[sp - 1]) ? 1 : 0;
                    break;
                case OpCode.InSet:
                    {
                        var value = stack[sp - 1];
                        var found = 0.0;
                        var set = numbers.AsSpan(instruction.A, instruction.B);
                        for (var i = 0; i < set.Length; i++)
                        {
                            if (set[i] == value)
                            {
                                found = 1;
                                break;
                            }
                        }

                        stack[sp - 1] = found;
                        break;
                    }

                case OpCode.Between:
                    sp -= 2;
                    stack[sp - 1] = stack[sp] <= stack[sp - 1] && stack[sp - 1] <= stack[sp + 1] ? 1 : 0;
                    break;
                case OpCode.JumpIfFalseElsePop:
                    if (stack[sp - 1] != 1)
                    {
                        pc = instruction.A - 1;
                    }
                    else
                    {
                        sp--;
                    }

                    break;
                case OpCode.JumpIfTrueElsePop:
                    if (stack[sp - 1] == 1)
                    {
                        pc = instruction.A - 1;
                    }
                    else
                    {
                        sp--;
                    }

                    break;
                case OpCode.TextEqual:
                    {
                        var left = Text(context, instruction.A);
                        var right = Text(context, instruction.B);
                        stack[sp++] = left is not null && right is not null && string.Equals(left, right, StringComparison.Ordinal) ? 1 : 0;
                        break;
                    }

                case OpCode.TextNotEqual:
                    {
                        var left = Text(context, instruction.A);
                        var right = Text(context, instruction.B);
                        stack[sp++] = left is not null && right is not null && !string.Equals(left, right, StringComparison.Ordinal) ? 1 : 0;
                        break;
                    }

                case OpCode.TextIn:
                    {
                        var value = Text(context, instruction.A);
                        var count = program[++pc].A;
                        var found = 0.0;
                        if (value is not null)
                        {
                            for (var i = 0; i < count; i++)
                            {
                                if (string.Equals(value, strings[instruction.B + i], StringComparison.Ordinal))
                                {
                                    found = 1;
                                    break;
                                }
                            }
                        }

                        stack[sp++] = found;
                        break;
                    }

                case OpCode.TextIsMissing:
                    stack[sp++] = Text(context, instruction.A) is null ? 1 : 0;
                    break;
            }
        }

        return stack[0] == 1;
    }

    /// <summary>Reads the value of one identifier, for the evidence attached to a fired action.</summary>
    public static RuleReading Read(in RuleContext context, in RuleSlot slot) => slot.Kind switch
    {
        SlotKind.Band => new RuleReading(slot.Identifier, double.NaN, context.CurrentResult.Band?.Id),
        SlotKind.Phase => new RuleReading(slot.Identifier, double.NaN, context.CurrentResult.Phase?.Id),
        SlotKind.PreviousBand => new RuleReading(slot.Identifier, double.NaN, context.PreviousResult.HasValue ? Nullable.GetValueRefOrDefaultRef(in context.PreviousResult).Band?.Id : null),
        SlotKind.Text => new RuleReading(slot.Identifier, double.NaN, (uint)slot.Index < (uint)context.Texts.Length ? context.Texts[slot.Index] : null),
        _ => new RuleReading(slot.Identifier, Load(context, slot.Kind, slot.Index), null),
    };

    /// <summary>Reads a slot as a double; anything absent, out of range or not finite is missing (NaN). Never throws.</summary>
    public static double Load(in RuleContext context, SlotKind kind, int index) => LoadInline(context, kind, index);

    /// <summary>Reads a slot as <see cref="Load"/> does, inlined into a caller that loads many slots in a loop.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double LoadInline(in RuleContext context, SlotKind kind, int index)
    {
        // The results are read in place: copying them (and the previous one's nullable box) costs more than the read.
        ref readonly var result = ref context.CurrentResult;
        ref readonly var previousBox = ref context.PreviousResult;
        ref readonly var previous = ref Nullable.GetValueRefOrDefaultRef(in previousBox);
        switch (kind)
        {
            case SlotKind.Score:
                return result.Score is { } score ? Finite(score) : double.NaN;
            case SlotKind.Band:
                return result.Band is { } band ? band.Index : double.NaN;
            case SlotKind.Phase:
                return result.Phase is { } phase ? phase.Index : double.NaN;
            case SlotKind.Coverage:
                return result.Band is null ? double.NaN : Finite(result.Coverage);
            case SlotKind.PreviousScore:
                return previousBox.HasValue && previous.Score is { } previousScore ? Finite(previousScore) : double.NaN;
            case SlotKind.PreviousBand:
                return previousBox.HasValue && previous.Band is { } previousBand ? previousBand.Index : double.NaN;
            case SlotKind.Delta:
                // Both scores are already rounded to the model's decimals; rounding again removes binary noise (72.3 - 65.1).
                return result.Score is { } current && previousBox.HasValue && previous.Score is { } before
                    ? Difference(current, before)
                    : double.NaN;
            case SlotKind.BandChanged:
                return result.Band is { } nowBand && previousBox.HasValue && previous.Band is { } thenBand && !ReferenceEquals(nowBand, thenBand) ? 1 : 0;
            case SlotKind.PhaseChanged:
                return result.Phase is { } nowPhase && previousBox.HasValue && previous.Phase is { } thenPhase && !ReferenceEquals(nowPhase, thenPhase) ? 1 : 0;
            case SlotKind.DaysInPhase:
                return context.DaysInPhase is { } daysInPhase ? Finite(daysInPhase) : double.NaN;
            case SlotKind.TenureDays:
                return context.TenureDays is { } tenure ? Finite(tenure) : double.NaN;
            case SlotKind.DaysToRenewal:
                return context.DaysToRenewal is { } renewal ? Finite(renewal) : double.NaN;
            case SlotKind.Metric:
                return (uint)index < (uint)context.MetricValues.Length ? Finite(context.MetricValues[index]) : double.NaN;
            case SlotKind.Group:
                return (uint)index < (uint)context.GroupScores.Length && context.GroupScores[index].Score is { } groupScore ? Finite(groupScore) : double.NaN;
            case SlotKind.Number:
                return (uint)index < (uint)context.Numbers.Length ? Finite(context.Numbers[index]) : double.NaN;
            case SlotKind.Flag:
                return (uint)index < (uint)context.Numbers.Length && context.Numbers[index] == 1 ? 1 : 0;
            case SlotKind.Consent:
                return (uint)index < (uint)context.Consents.Length && context.Consents[index] ? 1 : 0;
            case SlotKind.Overridden:
                return context.Overridden ? 1 : 0;
            case SlotKind.HistoryChange:
            case SlotKind.HistoryLowest:
            case SlotKind.HistoryHighest:
            case SlotKind.DaysInBand:
            case SlotKind.ConsecutiveDeclines:
                return context.History is { } history ? Finite(history.Read(kind, index, context.AsOfDate, result)) : double.NaN;
            default:
                return double.NaN;
        }
    }

    private string? Text(in RuleContext context, int operand) =>
        operand < 0 ? strings[~operand] : (uint)operand < (uint)context.Texts.Length ? context.Texts[operand] : null;

    private static double Difference(double current, double before)
    {
        var difference = current - before;
        return Math.Abs(difference) < 1e6 ? Math.Round(difference * 1e9) / 1e9 : Finite(difference);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double Finite(double value) => double.IsFinite(value) ? value : double.NaN;
}
