"""Dashboards: the cohort schedule (modules per session), the trainee's learning path, the
trainer's progress grid, the digest before each session and the exports."""
