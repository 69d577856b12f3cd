"""Organisation settings (local doorbraakroute, retention, expiry), onboarding paths, staff import
and the organisation overview."""
