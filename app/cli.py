"""The doorbraakschool command: serve, run, db upgrade, demo, create-admin, backup, mail, ..."""

from __future__ import annotations

import argparse
import getpass
import sqlite3
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from app.settings import Settings, get_settings


def _extra_commands() -> list[Callable[[Any], None]]:
    """Feature packages that add sub-commands with a `register(subparsers)` function."""
    from app.dashboards import cli as dashboards_cli
    from app.privacy import cli as privacy_cli

    return [dashboards_cli.register, privacy_cli.register]


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    from app.serve import serve

    serve("app.asgi:app", host=args.host, port=args.port, workers=args.workers)
    return 0


def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    from app.launcher import run

    if not _prepare_catalog(settings):
        return 1
    note = f"  (demo-wachtwoord: {args.demo_password})" if args.demo_password else ""
    render_log = None if args.no_render else settings.data_dir / "render.log"
    return run(args.host, args.port, render_log=render_log, note=note)


def _prepare_catalog(settings: Settings) -> bool:
    """Check the course once and keep the result, so the server starts in about a second."""
    from app.content import ContentError
    from app.content.disk_cache import cached_path, load_catalog_via_disk

    root = settings.content_dir.resolve()
    if cached_path(root, settings.cache_dir).exists():
        return True
    print(
        "De lesstof wordt eenmalig gecontroleerd en klaargezet (een paar seconden)...", flush=True
    )
    try:
        load_catalog_via_disk(root, settings.cache_dir)
    except ContentError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print("De lesstof heeft problemen; de school start niet.", file=sys.stderr)
        return False
    return True


def cmd_db_upgrade(args: argparse.Namespace, settings: Settings) -> int:
    from app.migrate import current_revisions, upgrade

    upgrade(settings.database_url)
    revisions = ", ".join(sorted(current_revisions(settings.database_url)))
    print(f"Database bijgewerkt tot revisie {revisions}.")
    return 0


def cmd_demo(args: argparse.Namespace, settings: Settings) -> int:
    from app.accounts.passwords import password_problem
    from app.db import create_database, session_scope
    from app.demo.people import create_demo

    problem = password_problem(args.password) if args.password else None
    if problem:
        print(f"Niet gelukt: {problem}", file=sys.stderr)
        return 1
    db = create_database(settings.database_url)
    with session_scope(db, write=True) as session:
        created = create_demo(session, settings, password=args.password)
    with session_scope(db, write=True) as session:
        seeded = _seed_demo_learning(session, settings)
    if args.cohort_size:
        with session_scope(db, write=True) as session:
            _generate_cohort(session, settings, args.cohort_size)
    db.dispose()
    if seeded:
        print(f"Voortgang en oefeningen toegevoegd voor {seeded} demodeelnemers.")
    if not created:
        print("Demodata bestond al; er is niets veranderd.")
        return 0
    print(f"{len(created)} demo-accounts aangemaakt:")
    for account in created:
        shown = account.password if not args.password else "(het opgegeven wachtwoord)"
        print(f"  {account.email:40} {account.role:18} {account.organisation:22} {shown}")
    return 0


def _seed_demo_learning(session: Any, settings: Settings) -> int:
    """Realistic progress, attempts and a submitted plan, so dashboards show real figures."""
    from app.content.disk_cache import load_catalog_via_disk
    from app.demo.activity import seed_demo_activity
    from app.demo.progress import seed_demo_progress

    catalog = load_catalog_via_disk(settings.content_dir.resolve(), settings.cache_dir)
    progressed = seed_demo_progress(session, settings, catalog)
    active = seed_demo_activity(session, settings, catalog)
    return max(progressed, active)


def _generate_cohort(session: Any, settings: Settings, size: int) -> None:
    from app.demo.progress import generate_cohort

    cohort = generate_cohort(session, settings, organisation_slug="voorbeeld", size=size)
    print(f"Groep van {size} deelnemers gemaakt: {cohort.name}.")


def cmd_create_admin(args: argparse.Namespace, settings: Settings) -> int:
    from app.accounts import service
    from app.db import create_database, session_scope
    from app.errors import InvalidInput

    password = args.password or getpass.getpass("Wachtwoord: ")
    db = create_database(settings.database_url)
    try:
        with session_scope(db, write=True) as session:
            service.create_user(
                session,
                settings,
                email=args.email,
                display_name=args.name,
                password=password,
                is_platform_admin=True,
            )
    except InvalidInput as exc:
        print(f"Niet gelukt: {exc.message}", file=sys.stderr)
        return 1
    finally:
        db.dispose()
    print(f"Platformbeheerder {args.email} aangemaakt.")
    return 0


def cmd_backup(args: argparse.Namespace, settings: Settings) -> int:
    if not settings.is_sqlite:
        print(
            "Dit is een PostgreSQL-database: maak een back-up met pg_dump, bijvoorbeeld\n"
            '  pg_dump --format=custom --file=backup.dump "$DOORBRAAK_DATABASE_URL"',
            file=sys.stderr,
        )
        return 2
    source_path = settings.database_url.split("///", 1)[1]
    target = Path(args.path)
    if target.exists():
        print(f"{target} bestaat al; kies een nieuw bestand.", file=sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(source_path, timeout=30)
    destination = sqlite3.connect(target)
    try:
        source.backup(destination, pages=256)
        check = destination.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        destination.close()
        source.close()
    print(f"Back-up geschreven naar {target} (integrity_check: {check}).")
    return 0 if check == "ok" else 1


def cmd_mail_send(args: argparse.Namespace, settings: Settings) -> int:
    from app.db import create_database
    from app.mail.service import deliver_pending

    if not settings.smtp_enabled:
        print("Geen SMTP ingesteld (DOORBRAAK_SMTP_HOST); e-mail blijft in de outbox.")
        return 0
    sent = deliver_pending(create_database(settings.database_url), settings, limit=1000)
    print(f"{sent} berichten verzonden.")
    return 0


def cmd_content_lexicon(args: argparse.Namespace, settings: Settings) -> int:
    from app.content.name_lexicon_build import write_lexicon

    try:
        path = write_lexicon()
    except LookupError:
        print("deduce ontbreekt: installeer eerst pip install -e '.[content]'.", file=sys.stderr)
        return 1
    print(f"Namenlijst geschreven: {path}")
    return 0


def cmd_content_check(args: argparse.Namespace, settings: Settings) -> int:
    from app.content import check_content
    from app.content.anonymise import deep_names_available

    if not args.no_names and not deep_names_available():
        print(
            "deduce ontbreekt (pip install -e '.[content]'): namen worden alleen met de compacte "
            "namenlijst gezocht.",
            file=sys.stderr,
        )
    problems = check_content(settings.content_dir, names=not args.no_names)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problemen gevonden.", file=sys.stderr)
        return 1
    print("De lesstof is in orde: 25 modules, casussen, wetten en kengetallen.")
    return 0


def cmd_videos_render(args: argparse.Namespace, settings: Settings) -> int:
    from app.media import ConsoleProgress, render_all
    from app.media.tools import missing_tools

    missing = missing_tools()
    if missing:
        print(
            "Video's renderen kan op deze machine niet: " + "; ".join(missing) + ". "
            "De modulepagina's tonen dan de uitgeschreven tekst.",
            file=sys.stderr,
        )
        return 3
    try:
        results = render_all(
            settings.content_dir / "videos",
            settings.media_dir,
            only=args.only,
            force=args.force,
            progress=ConsoleProgress(),
        )
    except LookupError as exc:
        print(f"Geen video gevonden voor {args.only!r}: {exc}", file=sys.stderr)
        return 2
    failed = [r for r in results if not r.ok]
    done = sum(1 for r in results if r.ok and not r.cached)
    cached = sum(1 for r in results if r.ok and r.cached)
    print(f"{done} gerenderd, {cached} waren al klaar, {len(failed)} mislukt.")
    for result in failed:
        print(f"  {result.video_id}: {result.error}", file=sys.stderr)
    return 1 if failed else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="doorbraakschool", description="Doorbraakschool")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="start de webserver")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1)
    serve.set_defaults(func=cmd_serve)
    run = sub.add_parser(
        "run", help="serveren en ontbrekende video's op de achtergrond renderen (make run)"
    )
    run.add_argument("--host", default="127.0.0.1")
    run.add_argument("--port", type=int, default=8000)
    run.add_argument("--no-render", action="store_true", help="geen video's renderen")
    run.add_argument("--demo-password", default="", help="in de startmelding tonen")
    run.set_defaults(func=cmd_run)
    db = sub.add_parser("db", help="database")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    db_sub.add_parser("upgrade", help="migraties uitvoeren").set_defaults(func=cmd_db_upgrade)
    demo = sub.add_parser("demo", help="demodata aanmaken (twee gemeenten)")
    demo.add_argument("--password", help="één wachtwoord voor alle demo-accounts")
    demo.add_argument(
        "--cohort-size",
        type=int,
        default=0,
        help="maak ook een grote groep van zoveel deelnemers (voor benchmarks)",
    )
    demo.set_defaults(func=cmd_demo)
    admin = sub.add_parser("create-admin", help="platformbeheerder aanmaken")
    admin.add_argument("email")
    admin.add_argument("--name", default="Platformbeheerder")
    admin.add_argument("--password")
    admin.set_defaults(func=cmd_create_admin)
    backup = sub.add_parser("backup", help="consistente kopie van de SQLite-database")
    backup.add_argument("path")
    backup.set_defaults(func=cmd_backup)
    mail = sub.add_parser("mail", help="e-mail uit de outbox versturen via SMTP")
    mail.set_defaults(func=cmd_mail_send)
    content = sub.add_parser("content", help="lesstof")
    content_sub = content.add_subparsers(dest="content_command", required=True)
    check = content_sub.add_parser("check", help="alle lesstof controleren")
    check.add_argument("--no-names", action="store_true", help="zonder namen zoeken (sneller)")
    check.set_defaults(func=cmd_content_check)
    lexicon = content_sub.add_parser(
        "lexicon", help="de compacte namenlijst opnieuw maken uit deduce (na een update van deduce)"
    )
    lexicon.set_defaults(func=cmd_content_lexicon)
    videos = sub.add_parser("videos", help="video's")
    videos_sub = videos.add_subparsers(dest="videos_command", required=True)
    render = videos_sub.add_parser("render", help="video's renderen uit de scripts")
    render.add_argument("--only", help="alleen deze video (bijv. 01 of 01-waarom-doorbreken)")
    render.add_argument("--force", action="store_true", help="ook als de video al klaar is")
    render.set_defaults(func=cmd_videos_render)
    for register in _extra_commands():
        register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    result: int = args.func(args, get_settings())
    return result


if __name__ == "__main__":
    sys.exit(main())
