"""Demo data for `make run` and the benchmarks, in the order the CLI runs them: ``people``
(municipalities, staff, cohorts, trainees), ``progress`` (schedules, a spread of module progress,
and ``generate_cohort`` for large benchmark cohorts) and ``activity`` (attempts and a doorbraakplan
for item analysis and the review queue). Everything is idempotent."""
