"""docs/metrics.md defines every KPI of the registry, every figure and every KPI setting.

A KPI section is a level-3 heading holding only the KPI's name in backticks ("### `fcr`");
other level-3 headings in the document must not be written that way.
"""

from __future__ import annotations

import re
from pathlib import Path

from cxqa.kpis.registry import KPI_BY_NAME, KPIS
from cxqa.settings import Settings

DOC = (Path(__file__).parents[2] / "docs" / "metrics.md").read_text(encoding="utf-8")
SECTION = re.compile(r"^### `([^`]+)`\s*$", re.MULTILINE)


def sections() -> list[str]:
    return SECTION.findall(DOC)


def test_every_kpi_has_a_section() -> None:
    documented = set(sections())
    missing = [kpi.name for kpi in KPIS if kpi.name not in documented]
    assert not missing, f"docs/metrics.md has no section '### `NAME`' for {', '.join(missing)}"


def test_no_section_is_stale_or_doubled() -> None:
    names = sections()
    stale = [name for name in names if name not in KPI_BY_NAME]
    assert not stale, f"docs/metrics.md has sections for KPIs not in the registry: {stale}"
    doubled = sorted({name for name in names if names.count(name) > 1})
    assert not doubled, f"docs/metrics.md has more than one section for {doubled}"


def test_every_kpi_is_in_the_summary_table_with_its_labels() -> None:
    for kpi in KPIS:
        row = next(
            (line for line in DOC.splitlines() if line.startswith(f"| [`{kpi.name}`]")), None
        )
        assert row is not None, f"the summary table has no row for {kpi.name}"
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        assert cells[1:3] == [kpi.label_en, kpi.label_vi], f"labels of {kpi.name}: {cells[1:3]}"


def test_every_figure_is_named() -> None:
    missing = [
        figure.name for kpi in KPIS for figure in kpi.figures if f"`{figure.name}`" not in DOC
    ]
    assert not missing, f"docs/metrics.md never names the figures {', '.join(missing)}"


def test_every_kpi_setting_is_documented() -> None:
    settings = [name for name in Settings.model_fields if name.startswith("kpi_")]
    assert settings, "no kpi_* settings found: has Settings changed?"
    missing = [f"CXQA_{name.upper()}" for name in settings if f"CXQA_{name.upper()}" not in DOC]
    assert not missing, f"docs/metrics.md does not document {', '.join(missing)}"


def test_comparisons_goals_and_the_csv_export_are_documented() -> None:
    missing = [text for text in ("cxqa compare", "cxqa goals", "/kpis.csv") if text not in DOC]
    assert not missing, f"docs/metrics.md does not mention {', '.join(missing)}"
