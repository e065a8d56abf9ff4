"""The file layer loads SQLAlchemy only when a map is opened, so the editor starts fast."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_importing_the_model_and_the_file_layer_does_not_load_sqlalchemy():
    code = (
        "import sys; import model, model.document, model.persistence; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'sqlalchemy'))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
