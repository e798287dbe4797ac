namespace HealthScore.Core.Model;

/// <summary>The roll-up of a definition: its method, and the band or account field that method reads.</summary>
internal sealed partial class ModelCompiler
{
    private void ValidateRollup(Dictionary<string, int> bandIds)
    {
        var rollup = _definition.Rollup;
        if (rollup is null)
        {
            return;
        }

        if (!Enum.IsDefined(rollup.Method))
        {
            Error("rollup.method", "must be average, valueWeighted, worstChild or shareInBand.");
            return;
        }

        if (rollup.Method == RollupMethod.ValueWeighted)
        {
            ValidateWeightField(rollup.WeightField);
        }
        else if (rollup.WeightField is not null)
        {
            Error("rollup.weightField", "is read only by the valueWeighted method: remove it, or set method to valueWeighted.");
        }

        if (rollup.Method == RollupMethod.ShareInBand)
        {
            ValidateRollupBand(rollup.Band, bandIds);
        }
        else if (rollup.Band is not null)
        {
            Error("rollup.band", "is read only by the shareInBand method: remove it, or set method to shareInBand.");
        }

        if (rollup.MinimumChildren < 1)
        {
            Error("rollup.minimumChildren", Format($"is {rollup.MinimumChildren}; it must be a whole number, 1 or more: how many children a parent needs counted to have a roll-up."));
        }
    }

    private void ValidateWeightField(string? field)
    {
        var account = _definition.Account;
        var numbers = account?.Numbers ?? [];
        if (string.IsNullOrEmpty(field))
        {
            Error("rollup.weightField", "is required by the valueWeighted method: name the number field of account.numbers that weighs each child, e.g. arr.");
        }
        else if (numbers.Contains(field))
        {
            return;
        }
        else if ((account?.Flags?.Contains(field) ?? false) || (account?.Texts?.Contains(field) ?? false))
        {
            Error("rollup.weightField", Format($"'{ErrorText.Quote(field)}' is not a number field: a weight must be a field declared in account.numbers."));
        }
        else
        {
            Error("rollup.weightField", Format($"'{ErrorText.Quote(field)}' is not a number field of this model.{Suggest(field, numbers)} Declare it in account.numbers."));
        }
    }

    private void ValidateRollupBand(string? band, Dictionary<string, int> bandIds)
    {
        if (string.IsNullOrEmpty(band))
        {
            Error("rollup.band", Format($"is required by the shareInBand method: the band counted with the bands below it, e.g. {bandIds.Keys.FirstOrDefault() ?? "at_risk"}."));
        }
        else if (!bandIds.ContainsKey(band))
        {
            Error("rollup.band", Format($"'{ErrorText.Quote(band)}' is not a band of this model.{Suggest(band, bandIds.Keys)}"));
        }
    }
}
