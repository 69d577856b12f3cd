"""POST /api/progress/video: the player's beacons of watched intervals."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, Field, ValidationError

from app.content.models import Module
from app.errors import InvalidInput, NotFound
from app.exercises import queries as exercise_queries
from app.progress.module_service import modules_using_video
from app.progress.video_service import Beacon, save_beacon
from app.web.content import CatalogDep
from app.web.deps import CurrentViewer, DbSession, SettingsDep
from app.web.text import CleanStr
from app.web.video import video_duration

router = APIRouter(prefix="/api/progress", tags=["voortgang"])

Seconds = Annotated[float, Field(ge=0, le=86_400, allow_inf_nan=False)]


class BeaconIn(BaseModel):
    """Watched intervals since the previous beacon (xAPI Video Profile: played-segments)."""

    video: Annotated[CleanStr, Field(max_length=80)]
    page: Annotated[CleanStr, Field(max_length=40)] = ""
    seq: int = Field(ge=0, le=1_000_000)
    segments: list[tuple[Seconds, Seconds]] = Field(default_factory=list, max_length=500)
    position: Seconds = 0.0
    rate: float = Field(default=1.0, ge=0.25, le=4.0)
    events: dict[str, Annotated[int, Field(ge=0, le=10_000)]] = Field(default_factory=dict)
    csrf_token: str = ""


class BeaconOut(BaseModel):
    progress: float
    percent: int
    completed: bool
    missing: str
    position: float


def _module_for(catalog: CatalogDep, video_id: str) -> Module:
    numbers = modules_using_video(catalog, video_id)
    if not numbers:
        raise NotFound("Deze video hoort bij geen module.")
    return catalog.module(numbers[0])


async def beacon_body(request: Request) -> BeaconIn:
    """The beacon as JSON, sent as application/json (fetch) or text/plain (sendBeacon)."""
    try:
        return BeaconIn.model_validate_json(await request.body())
    except ValidationError as exc:
        raise RequestValidationError(exc.errors(include_url=False)) from None


BEACON_SCHEMA = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": BeaconIn.model_json_schema()},
            "text/plain": {"schema": {"type": "string", "description": "the same JSON"}},
        },
    }
}


@router.post("/video", response_model=BeaconOut, openapi_extra=BEACON_SCHEMA)
def post_video_beacon(
    beacon: Annotated[BeaconIn, Depends(beacon_body)],
    session: DbSession,
    settings: SettingsDep,
    catalog: CatalogDep,
    viewer: CurrentViewer,
) -> BeaconOut:
    module = _module_for(catalog, beacon.video)
    duration = video_duration(settings.media_dir, beacon.video)
    if duration is None:
        raise InvalidInput("Deze video is nog niet klaar; er is niets opgeslagen.")
    result = save_beacon(
        exercise_queries,
        session,
        catalog,
        settings.media_dir,
        user_id=viewer.user_id,
        duration=duration,
        threshold=module.completion.video_threshold,
        beacon=Beacon(
            beacon.video,
            beacon.page,
            beacon.seq,
            beacon.segments,
            beacon.position,
            beacon.rate,
            beacon.events,
        ),
    )
    return BeaconOut(
        progress=result.progress,
        percent=int(result.progress * 100),
        completed=result.completed,
        missing=result.missing,
        position=result.position,
    )
