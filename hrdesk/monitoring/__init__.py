"""Monitoring after go-live: flag rates by group, override and contest rates against governance step 6, alerts, and whether the pilot helps."""
