namespace HealthScore.Core.Tests.Profiles;

/// <summary>The two-profile model of docs/concepts.md, "Profiles", worked by hand in <see cref="ProfileScoringTests"/>.</summary>
internal static class ProfileModels
{
    // profiles example begins
    public const string TwoProfiles = """
        {
          "id": "segments",
          "groups": [
            { "id": "usage", "label": "Usage", "weight": 60, "metrics": [
              { "id": "logins", "label": "Logins per week", "scoring": { "type": "linear", "worst": 0, "best": 10 } },
              { "id": "seats", "label": "Active seat share", "scoring": { "type": "linear", "worst": 0, "best": 1 } } ] },
            { "id": "support", "label": "Support", "weight": 40, "metrics": [
              { "id": "tickets", "label": "Open tickets", "scoring": { "type": "linear", "worst": 10, "best": 0 } } ] },
            { "id": "satisfaction", "label": "Satisfaction", "weight": 20, "metrics": [
              { "id": "nps", "label": "NPS", "scoring": { "type": "linear", "worst": -100, "best": 100 } } ] }
          ],
          "bands": [
            { "id": "at_risk", "label": "At risk", "color": "#C62828", "lowerBound": 0 },
            { "id": "watch", "label": "Watch", "color": "#F9A825", "lowerBound": 50 },
            { "id": "healthy", "label": "Healthy", "color": "#2E7D32", "lowerBound": 75 }
          ],
          "phases": [ { "id": "renewal", "label": "Renewal", "bands": { "healthy": 80 } } ],
          "phaseRules": [ { "id": "near_renewal", "when": "days_to_renewal < 90", "then": "renewal" } ],
          "account": { "numbers": [ "seats_licensed" ] },
          "profiles": [
            { "id": "enterprise", "label": "Enterprise",
              "groups": [
                { "id": "adoption", "label": "Adoption", "weight": 3, "metrics": [ { "id": "seats", "weight": 3 }, { "id": "logins" } ] },
                { "id": "relationship", "label": "Relationship", "metrics": [ { "id": "nps" } ] } ],
              "bands": [
                { "id": "at_risk", "label": "At risk", "color": "#C62828", "lowerBound": 0 },
                { "id": "watch", "label": "Watch", "color": "#F9A825", "lowerBound": 50 },
                { "id": "healthy", "label": "Healthy", "color": "#2E7D32", "lowerBound": 70 } ],
              "phases": [ { "id": "renewal", "weights": { "relationship": 3 } } ] },
            { "id": "smb", "label": "SMB",
              "groups": [
                { "id": "usage", "label": "Usage", "metrics": [ { "id": "logins" } ] },
                { "id": "support", "label": "Support", "weight": 2, "metrics": [ { "id": "tickets" } ] } ] }
          ],
          "profileRules": [ { "id": "large", "when": "account.seats_licensed >= 100", "then": "enterprise" } ],
          "defaultProfile": "smb"
        }
        """;
    // profiles example ends
}
