namespace HealthScore.Core.Scoring;

/// <summary>
/// The built-in function family of a compiled scoring function, so the scorers call its sealed class directly
/// (a direct, inlinable call) instead of through the virtual <see cref="ScoringFunction.Normalize(double)"/>.
/// </summary>
internal enum FunctionKind : byte
{
    /// <summary>A function of another type, called through <see cref="ScoringFunction.Normalize(double)"/>.</summary>
    Other,

    /// <summary>A clamped linear function, evaluated from the phase's offset and scale.</summary>
    Linear,

    /// <summary>A bounded linear function (<see cref="LinearFunction"/> with missing outside its range).</summary>
    BoundedLinear,

    /// <summary>A <see cref="LogisticFunction"/>.</summary>
    Logistic,

    /// <summary>A <see cref="PiecewiseLinearFunction"/>.</summary>
    PiecewiseLinear,

    /// <summary>A <see cref="TargetRatioFunction"/>.</summary>
    TargetRatio,

    /// <summary>A <see cref="TierFunction"/>.</summary>
    Tier,
}

/// <summary>Evaluates a metric's function by its family, exactly as its own <see cref="ScoringFunction.Normalize(double)"/> does.</summary>
internal static class FunctionKinds
{
    internal static FunctionKind Of(ScoringFunction function, double linearScale) => function switch
    {
        LinearFunction when linearScale != 0 => FunctionKind.Linear,
        LinearFunction => FunctionKind.BoundedLinear,
        LogisticFunction => FunctionKind.Logistic,
        PiecewiseLinearFunction => FunctionKind.PiecewiseLinear,
        TargetRatioFunction => FunctionKind.TargetRatio,
        TierFunction => FunctionKind.Tier,
        _ => FunctionKind.Other,
    };

    /// <summary>The normalised value of a finite raw value, clamped to [0, 1], or NaN when the function treats it as missing.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static double Normalize(FunctionKind kind, ScoringFunction function, double raw, double linearOffset, double linearScale)
    {
        double normalized;
        switch (kind)
        {
            case FunctionKind.Linear:
                return Math.Clamp((raw - linearOffset) * linearScale, 0.0, 1.0);
            case FunctionKind.BoundedLinear:
                normalized = System.Runtime.CompilerServices.Unsafe.As<LinearFunction>(function).Normalize(raw);
                break;
            case FunctionKind.Logistic:
                normalized = System.Runtime.CompilerServices.Unsafe.As<LogisticFunction>(function).Normalize(raw);
                break;
            case FunctionKind.PiecewiseLinear:
                normalized = System.Runtime.CompilerServices.Unsafe.As<PiecewiseLinearFunction>(function).Normalize(raw);
                break;
            case FunctionKind.TargetRatio:
                normalized = System.Runtime.CompilerServices.Unsafe.As<TargetRatioFunction>(function).Normalize(raw);
                break;
            case FunctionKind.Tier:
                normalized = System.Runtime.CompilerServices.Unsafe.As<TierFunction>(function).Normalize(raw);
                break;
            default:
                normalized = function.Normalize(raw);
                break;
        }

        return double.IsNaN(normalized) ? normalized : Math.Clamp(normalized, 0.0, 1.0);
    }
}
