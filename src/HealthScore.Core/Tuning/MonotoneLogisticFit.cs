namespace HealthScore.Core.Tuning;

/// <summary>
/// A logistic regression of churn with non-negative coefficients: the log-odds of churn are
/// <c>intercept − Σ coefficient × feature</c>, every coefficient at least zero, with an L2 penalty on the
/// coefficients (not the intercept). A larger feature therefore never raises the predicted churn.
/// </summary>
/// <remarks>
/// Solved by iteratively reweighted least squares: each outer step replaces the logistic loss by its quadratic
/// approximation at the current fit and minimises that by cyclic coordinate descent, clamping coefficients at zero;
/// a step that would raise the penalised loss is halved until it does not. Deterministic.
/// </remarks>
internal static class MonotoneLogisticFit
{
    private const int MaxInnerSweeps = 200;

    /// <summary>Fits the coefficients.</summary>
    /// <param name="features">Column-major: feature <c>k</c> of row <c>i</c> at <c>k × rows + i</c>, each in [0, 1].</param>
    /// <param name="rows">The number of rows.</param>
    /// <param name="churned">The outcome per row.</param>
    /// <param name="penalty">The L2 penalty (λ in λ/2 Σ θ²).</param>
    /// <param name="maxIterations">The most outer (reweighting) steps.</param>
    /// <returns>The intercept and the coefficients.</returns>
    public static (double Intercept, double[] Coefficients) Fit(double[] features, int rows, ReadOnlySpan<bool> churned, double penalty, int maxIterations)
    {
        var count = rows == 0 ? 0 : features.Length / rows;
        var theta = new double[count];
        var eta = new double[rows];
        var weight = new double[rows];
        var residual = new double[rows];
        var churnCount = 0;
        for (var i = 0; i < rows; i++)
        {
            churnCount += churned[i] ? 1 : 0;
        }

        // Start at the base rate (clamped so a one-class sample stays finite).
        var rate = Math.Clamp((churnCount + 0.5) / (rows + 1.0), 1e-6, 1 - 1e-6);
        var intercept = Math.Log(rate / (1 - rate));
        Array.Fill(eta, intercept);
        var loss = Loss(eta, churned, theta, penalty);
        var previousTheta = new double[count];
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            // Quadratic approximation at η: weights p(1 − p), working residuals −(p − y) / w.
            var weightSum = 0.0;
            for (var i = 0; i < rows; i++)
            {
                var p = Sigmoid(eta[i]);
                weight[i] = Math.Max(p * (1 - p), 1e-6);
                residual[i] = -(p - (churned[i] ? 1 : 0)) / weight[i];
                weightSum += weight[i];
            }

            theta.CopyTo(previousTheta, 0);
            var previousIntercept = intercept;
            for (var sweep = 0; sweep < MaxInnerSweeps; sweep++)
            {
                var largest = 0.0;

                var shift = 0.0;
                for (var i = 0; i < rows; i++)
                {
                    shift += weight[i] * residual[i];
                }

                shift /= weightSum;
                intercept += shift;
                for (var i = 0; i < rows; i++)
                {
                    residual[i] -= shift;
                }

                largest = Math.Max(largest, Math.Abs(shift));
                for (var k = 0; k < count; k++)
                {
                    var column = features.AsSpan(k * rows, rows);
                    double gradient = penalty * theta[k], curvature = penalty;
                    for (var i = 0; i < rows; i++)
                    {
                        var x = column[i];
                        gradient += weight[i] * residual[i] * x;
                        curvature += weight[i] * x * x;
                    }

                    if (curvature <= 0)
                    {
                        continue;
                    }

                    var updated = Math.Max(0, theta[k] - (gradient / curvature));
                    var delta = updated - theta[k];
                    if (delta == 0)
                    {
                        continue;
                    }

                    theta[k] = updated;
                    for (var i = 0; i < rows; i++)
                    {
                        residual[i] += delta * column[i];
                    }

                    largest = Math.Max(largest, Math.Abs(delta));
                }

                if (largest < 1e-9)
                {
                    break;
                }
            }

            // Take the step, halving it while it raises the true penalised loss (a convex combination stays ≥ 0).
            var newLoss = Predict(features, rows, intercept, theta, eta, churned, penalty);
            for (var halving = 0; halving < 30 && newLoss > loss; halving++)
            {
                intercept = (intercept + previousIntercept) / 2;
                for (var k = 0; k < count; k++)
                {
                    theta[k] = (theta[k] + previousTheta[k]) / 2;
                }

                newLoss = Predict(features, rows, intercept, theta, eta, churned, penalty);
            }

            var improvement = loss - newLoss;
            loss = Math.Min(loss, newLoss);
            if (improvement <= 1e-10 * Math.Max(1, Math.Abs(loss)))
            {
                break;
            }
        }

        return (intercept, theta);
    }

    private static double Predict(double[] features, int rows, double intercept, double[] theta, double[] eta, ReadOnlySpan<bool> churned, double penalty)
    {
        Array.Fill(eta, intercept);
        for (var k = 0; k < theta.Length; k++)
        {
            if (theta[k] == 0)
            {
                continue;
            }

            var column = features.AsSpan(k * rows, rows);
            for (var i = 0; i < rows; i++)
            {
                eta[i] -= theta[k] * column[i];
            }
        }

        return Loss(eta, churned, theta, penalty);
    }

    private static double Loss(double[] eta, ReadOnlySpan<bool> churned, double[] theta, double penalty)
    {
        var loss = 0.0;
        for (var i = 0; i < eta.Length; i++)
        {
            // log(1 + e^η) − yη, computed without overflow.
            var e = eta[i];
            loss += (e > 0 ? e + Math.Log(1 + Math.Exp(-e)) : Math.Log(1 + Math.Exp(e))) - (churned[i] ? e : 0);
        }

        var squares = 0.0;
        foreach (var t in theta)
        {
            squares += t * t;
        }

        return loss + (penalty / 2 * squares);
    }

    private static double Sigmoid(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));
}
