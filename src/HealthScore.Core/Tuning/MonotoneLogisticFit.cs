namespace HealthScore.Core.Tuning;

/// <summary>
/// A logistic regression of churn with non-negative coefficients: the log-odds of churn are
/// <c>intercept − Σ coefficient × feature</c>, every coefficient at least zero unless its feature is marked free,
/// with an L2 penalty on the coefficients (not the intercept). A larger constrained feature therefore never raises
/// the predicted churn; a free one (a category, a blank, a baseline's feature) may go either way.
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
    /// <param name="free">Per feature, whether its coefficient may be negative; empty for none.</param>
    /// <returns>The intercept, the coefficients and the penalised loss they reach.</returns>
    public static (double Intercept, double[] Coefficients, double Loss) Fit(double[] features, int rows, ReadOnlySpan<bool> churned, double penalty, int maxIterations, ReadOnlySpan<bool> free = default)
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

                    var step = theta[k] - (gradient / curvature);
                    var updated = !free.IsEmpty && free[k] ? step : Math.Max(0, step);
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

                if (largest < 1e-7)
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
            if (improvement <= 1e-9 * Math.Max(1, Math.Abs(loss)))
            {
                break;
            }
        }

        return (intercept, theta, loss);
    }

    /// <summary>
    /// Fits a logistic regression whose coefficients are all free, by Newton's method on the penalised log-likelihood
    /// (the intercept unpenalised), halving a step that would raise the loss. For the baselines: a few dozen columns,
    /// many correlated, where coordinate descent would crawl.
    /// </summary>
    /// <param name="features">Column-major, as for <see cref="Fit"/>; any finite values.</param>
    /// <param name="rows">The number of rows.</param>
    /// <param name="churned">The outcome per row.</param>
    /// <param name="penalty">The L2 penalty on the coefficients.</param>
    /// <param name="maxIterations">The most Newton steps.</param>
    /// <returns>The intercept, the coefficients and the penalised loss.</returns>
    public static (double Intercept, double[] Coefficients, double Loss) FitFree(double[] features, int rows, ReadOnlySpan<bool> churned, double penalty, int maxIterations)
    {
        var count = rows == 0 ? 0 : features.Length / rows;
        var size = count + 1;
        var beta = new double[size]; // [0] is the intercept; the log-odds are intercept − Σ coefficient × feature, as in Fit.
        var eta = new double[rows];
        var churnCount = 0;
        for (var i = 0; i < rows; i++)
        {
            churnCount += churned[i] ? 1 : 0;
        }

        var rate = Math.Clamp((churnCount + 0.5) / (rows + 1.0), 1e-6, 1 - 1e-6);
        beta[0] = Math.Log(rate / (1 - rate));
        var theta = new double[count];
        var loss = Predict(features, rows, beta[0], theta, eta, churned, penalty);
        var hessian = new double[size * size];
        var gradient = new double[size];
        var weight = new double[rows];
        var residual = new double[rows];
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            for (var i = 0; i < rows; i++)
            {
                var p = Sigmoid(eta[i]);
                weight[i] = Math.Max(p * (1 - p), 1e-9);
                residual[i] = p - (churned[i] ? 1 : 0);
            }

            // In the coordinates z = (1, −x), the log-odds are β·z: gradient Σ r z + λβ, Hessian Σ w z zᵀ + λI (not the intercept).
            Array.Clear(hessian);
            Array.Clear(gradient);
            for (var a = 0; a < size; a++)
            {
                var za = a == 0 ? default : features.AsSpan((a - 1) * rows, rows);
                double g = 0;
                for (var i = 0; i < rows; i++)
                {
                    g += residual[i] * (a == 0 ? 1 : -za[i]);
                }

                gradient[a] = g + (a == 0 ? 0 : penalty * beta[a]);
                for (var b = 0; b <= a; b++)
                {
                    var zb = b == 0 ? default : features.AsSpan((b - 1) * rows, rows);
                    double h = 0;
                    for (var i = 0; i < rows; i++)
                    {
                        h += weight[i] * (a == 0 ? 1 : -za[i]) * (b == 0 ? 1 : -zb[i]);
                    }

                    hessian[(a * size) + b] = hessian[(b * size) + a] = h + (a == b && a > 0 ? penalty : 0) + (a == b ? 1e-9 : 0);
                }
            }

            var step = SolveCholesky(hessian, gradient, size);
            if (step is null)
            {
                break;
            }

            var previous = (double[])beta.Clone();
            var scale = 1.0;
            var newLoss = double.PositiveInfinity;
            for (var halving = 0; halving < 30; halving++, scale /= 2)
            {
                for (var k = 0; k < size; k++)
                {
                    beta[k] = previous[k] - (scale * step[k]);
                }

                Array.Copy(beta, 1, theta, 0, count);
                newLoss = Predict(features, rows, beta[0], theta, eta, churned, penalty);
                if (newLoss <= loss)
                {
                    break;
                }
            }

            if (newLoss > loss)
            {
                Array.Copy(previous, beta, size);
                Array.Copy(beta, 1, theta, 0, count);
                Predict(features, rows, beta[0], theta, eta, churned, penalty);
                break;
            }

            var improvement = loss - newLoss;
            loss = newLoss;
            if (improvement <= 1e-10 * Math.Max(1, Math.Abs(loss)))
            {
                break;
            }
        }

        return (beta[0], theta, loss);
    }

    /// <summary>Solves <c>A x = b</c> for a symmetric positive definite <c>A</c> (row-major, n × n); <see langword="null"/> when it is not.</summary>
    private static double[]? SolveCholesky(double[] a, double[] b, int n)
    {
        var l = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = a[(i * n) + j];
                for (var k = 0; k < j; k++)
                {
                    sum -= l[(i * n) + k] * l[(j * n) + k];
                }

                if (i == j)
                {
                    if (!(sum > 0))
                    {
                        return null;
                    }

                    l[(i * n) + i] = Math.Sqrt(sum);
                }
                else
                {
                    l[(i * n) + j] = sum / l[(j * n) + j];
                }
            }
        }

        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            var sum = b[i];
            for (var k = 0; k < i; k++)
            {
                sum -= l[(i * n) + k] * y[k];
            }

            y[i] = sum / l[(i * n) + i];
        }

        var x = new double[n];
        for (var i = n - 1; i >= 0; i--)
        {
            var sum = y[i];
            for (var k = i + 1; k < n; k++)
            {
                sum -= l[(k * n) + i] * x[k];
            }

            x[i] = sum / l[(i * n) + i];
        }

        return x;
    }

    /// <summary>The mean log-loss of a fit on other rows (column-major features as for <see cref="Fit"/>).</summary>
    public static double MeanLogLoss(double[] features, int rows, ReadOnlySpan<bool> churned, double intercept, double[] theta)
    {
        var eta = new double[rows];
        var loss = Predict(features, rows, intercept, theta, eta, churned, 0);
        return rows == 0 ? 0 : loss / rows;
    }

    /// <summary>The predicted log-odds of churn of each row.</summary>
    public static double[] LogOdds(double[] features, int rows, double intercept, double[] theta)
    {
        var eta = new double[rows];
        Array.Fill(eta, intercept);
        for (var k = 0; k < theta.Length; k++)
        {
            var column = features.AsSpan(k * rows, rows);
            for (var i = 0; i < rows; i++)
            {
                eta[i] -= theta[k] * column[i];
            }
        }

        return eta;
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
