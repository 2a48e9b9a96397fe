using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Mapbox.Uploads.Build;

/// <summary>The build's processing budget (<c>MapboxMaxProcessedMegabytes</c>): refuses a build over it before any request.</summary>
internal static class ProcessingBudget
{
    public const string BudgetProperty = "MapboxMaxProcessedMegabytes";

    /// <summary>The budget in bytes from the property's text: null when empty; a negative or non-numeric value is MBX1020.</summary>
    public static long? ParseBudget(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (double.TryParse(text!.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var megabytes)
            && megabytes >= 0 && megabytes * ProcessingEstimate.BytesPerMegabyte < long.MaxValue)
        {
            return (long)Math.Floor(megabytes * ProcessingEstimate.BytesPerMegabyte);
        }

        throw new MapboxBuildException(ErrorCodes.SettingInvalid, $"{BudgetProperty} is '{text}', not a number of megabytes of 0 or more (empty: no budget)");
    }

    /// <summary>Refuses the build (MBX2020) when it would have more processed than <paramref name="budgetBytes"/>; nothing has been sent.</summary>
    public static void CheckBudget(IReadOnlyList<ProcessingRow> rows, long? budgetBytes)
    {
        var total = ProcessingEstimate.Total(rows);
        if (budgetBytes is not { } budget || total <= budget)
        {
            return;
        }

        var listed = string.Join("; ", ProcessingEstimate.Largest(rows).Where(row => row.Processed).Select(ProcessingEstimate.Line));
        throw new MapboxBuildException(ErrorCodes.BudgetExceeded,
            $"This build would have {ProcessingEstimate.Format(total)} processed, more than {BudgetProperty}={ProcessingEstimate.Format(budget)}, so nothing was sent: {listed}");
    }
}
