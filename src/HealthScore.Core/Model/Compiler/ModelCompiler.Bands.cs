namespace HealthScore.Core.Model;

/// <summary>The bands of a definition and the insufficient-data band: ids, labels, colours and the order of their lower bounds.</summary>
internal sealed partial class ModelCompiler
{
    private bool _bandsValid;

    /// <summary>The model's bands: the document's list, or the bands its <c>bandScheme</c> stands for.</summary>
    private List<BandDefinition> _bands = [];

    private Dictionary<string, int> ValidateBands()
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var errorsBefore = _errors.Count;
        var bands = _definition.Bands;
        if (!Enum.IsDefined(_definition.Thresholds))
        {
            Error("thresholds", "must be includeLower (a score on a threshold belongs to the band above) or includeUpper (to the band below).");
        }

        if (_definition.BandScheme is { } scheme)
        {
            if (!Enum.IsDefined(scheme))
            {
                Error("bandScheme", "must be letterGrades, or left out to list the bands yourself.");
            }
            else if (bands is { Count: > 0 })
            {
                Error("bandScheme", "stands for a whole set of bands, so bands must be empty: remove bands, or remove bandScheme to keep your own.");
            }
            else
            {
                bands = BandSchemes.Expand(scheme, _definition.Scale);
            }
        }

        _bands = bands ?? [];
        if (bands is null)
        {
            Error("bands", "must be a list of bands, not null.");
        }
        else if (bands.Count == 0)
        {
            Error("bands", "needs at least one band, e.g. { \"id\": \"healthy\", \"label\": \"Healthy\", \"color\": \"#2E7D32\", \"lowerBound\": 0 }.");
        }
        else
        {
            for (var i = 0; i < bands.Count; i++)
            {
                var path = Index(string.Empty, "bands", i);
                var band = bands[i];
                if (band is null)
                {
                    Error(path, "must be a band, not null.");
                    continue;
                }

                if (ValidateBand(band, path) is { } id && !ids.TryAdd(id, i))
                {
                    Error(path + ".id", Format($"'{id}' is already used at bands[{ids[id]}]: band ids must be unique."));
                }
            }
        }

        var insufficient = _definition.InsufficientData;
        if (insufficient is null)
        {
            Error("insufficientData", "is required: the band shown when coverage is below the minimum.");
        }
        else if (ValidateBand(insufficient, "insufficientData") is { } id && ids.ContainsKey(id))
        {
            Error("insufficientData.id", Format($"'{id}' is also a band id; the insufficient-data band needs an id of its own."));
        }

        if (bands is { Count: > 0 } && bands.TrueForAll(b => b is not null))
        {
            ValidateBandOrder(i => bands[i].LowerBound, bands.Count, i => Index(string.Empty, "bands", i) + ".lowerBound");
        }

        _bandsValid = _errors.Count == errorsBefore;
        return ids;
    }

    private string? ValidateBand(BandDefinition band, string path)
    {
        var id = ValidateId(band.Id, path, unique: false);
        ValidateLabel(band.Label, path);
        if (band.Color is null || !ColorPattern().IsMatch(band.Color))
        {
            Error(path + ".color", Format($"'{ErrorText.Quote(band.Color)}' is not a colour: use #RRGGBB, e.g. #2E7D32."));
        }

        if (!double.IsFinite(band.LowerBound))
        {
            Error(path + ".lowerBound", "must be a finite number.");
        }

        return id;
    }

    private void ValidateBandOrder(Func<int, double> lowerBound, int count, Func<int, string> path)
    {
        var scale = _definition.Scale;
        if (scale is null || count == 0)
        {
            return;
        }

        if (double.IsFinite(lowerBound(0)) && lowerBound(0) != scale.Min)
        {
            Error(path(0), Format($"is {lowerBound(0)}, but the lowest band must start at the scale's minimum ({scale.Min}) so every score has a band."));
        }

        for (var i = 0; i < count; i++)
        {
            var bound = lowerBound(i);
            if (!double.IsFinite(bound))
            {
                continue;
            }

            if (bound > scale.Max)
            {
                Error(path(i), Format($"is {bound}, above the scale's maximum ({scale.Max}): no score could reach the band."));
            }

            if (i > 0 && double.IsFinite(lowerBound(i - 1)) && bound <= lowerBound(i - 1))
            {
                Error(path(i), Format($"is {bound}, not above the previous band's lower bound ({lowerBound(i - 1)}): list bands from lowest to highest without overlap."));
            }
        }
    }
}
