"""A web worker never loads deduce: the course loads without it and the warning uses the lexicon."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CODE = """
import sys
from app.main import create_app
from app.settings import Settings
from app.calculations.privacy import anonymisation_warning

app = create_app(Settings(environment="test", data_dir=sys.argv[1], content_check_names=True))
warning = anonymisation_warning(["Gesprek met mevrouw Jansen, Kerkstraat 12."], names=True)
print("deduce" in sys.modules, "docdeid" in sys.modules)
print(warning)
"""


def test_app_start_and_name_warning_load_no_deduce(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", CODE, str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    loaded, warning = done.stdout.strip().splitlines()
    assert loaded == "False False"
    assert "persoonsnaam" in warning
    assert "adres" in warning
