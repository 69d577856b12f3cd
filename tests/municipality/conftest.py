"""The municipality tests use the shared test world of tests/conftest.py: Voorbeeld (admin,
trainer, three trainees, one cohort) and Anderstad (its own staff, trainee and cohort), for
import, onboarding, overview, certificates and privacy."""
