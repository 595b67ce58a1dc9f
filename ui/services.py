"""What the pages need from the composition root (main.py), passed in instead of imported."""

from dataclasses import dataclass

from sqlalchemy.engine import Engine

from settings import Settings


@dataclass(frozen=True)
class Services:
    settings: Settings
    engine: Engine
