"""The module completion rule as a pure function."""

from __future__ import annotations

from app.progress.completion import CompletionInput, ExerciseState, decide


def _input(**over):
    base = {
        "has_video": True,
        "video_progress": 0.95,
        "video_threshold": 0.9,
        "video_missing": "",
        "exercises": (ExerciseState("m01-q1", "vraag 1", True, True),),
    }
    base.update(over)
    return CompletionInput(**base)


def test_complete_when_video_watched_and_exercises_passed():
    result = decide(_input())
    assert result.status == "completed"
    assert result.missing == ()


def test_video_below_threshold_is_missing_with_the_unseen_part():
    result = decide(_input(video_progress=0.5, video_missing="02:10–03:40"))
    assert result.status == "in_progress"
    assert result.missing == ("video bekijken (02:10–03:40)",)


def test_nothing_done_is_not_started():
    result = decide(
        _input(video_progress=0.0, exercises=(ExerciseState("m01-q1", "vraag 1", False, False),))
    )
    assert result.status == "not_started"
    assert result.missing == ("video bekijken", "vraag 1")


def test_a_module_without_a_rendered_video_completes_on_exercises():
    assert decide(_input(has_video=False, video_progress=0.0)).status == "completed"


def test_plan_must_be_approved_when_the_module_asks_for_it():
    waiting = decide(_input(plan_required=True, plan_status="submitted"))
    assert waiting.status == "in_progress"
    assert waiting.missing == ("goedkeuring van je doorbraakplan door de trainer",)
    assert decide(_input(plan_required=True, plan_status="approved")).status == "completed"


def test_counts_passed_and_required_exercises():
    result = decide(
        _input(
            exercises=(
                ExerciseState("a", "vraag 1", True, True),
                ExerciseState("b", "vraag 2", True, False),
            )
        )
    )
    assert (result.exercises_passed, result.exercises_required) == (1, 2)
    assert result.missing == ("vraag 2",)
