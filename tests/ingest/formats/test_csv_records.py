"""Cutting CSV into records from the bytes must agree with the csv module, row for row."""

from __future__ import annotations

import csv
import io
import random
from typing import Literal

import pytest

from cxqa.ingest.formats import csv_records
from cxqa.ingest.formats.base import ReadContext, Rejected


def cut(data: bytes, delimiter: str = ",", limit: int = 1_000_000) -> list[tuple[int, object]]:
    """(start line, cells or the reason it could not be read) for every record."""
    context = ReadContext(max_record_bytes=limit)
    found: list[tuple[int, object]] = []
    for record in csv_records.records(io.BytesIO(data), delimiter, context):
        problem = record.unreadable(limit)
        if problem is not None:
            found.append((record.line, problem))
            continue
        texts, bad_byte = csv_records.decode(record)
        found.append((record.line, bad_byte or csv_records.cells(texts, record.line, delimiter)))
    return found


def csv_module(text: str, delimiter: str = ",") -> list[tuple[int, object]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    found: list[tuple[int, object]] = []
    start = 1
    for row in reader:
        found.append((start, row))
        start = reader.line_num + 1
    return found


@pytest.mark.parametrize("delimiter", [",", ";"])
@pytest.mark.parametrize("quoting", [csv.QUOTE_MINIMAL, csv.QUOTE_ALL])
def test_files_written_by_the_csv_module(delimiter: str, quoting: Literal[0, 1]) -> None:
    pieces = ["a", "ạ", " ", '"', ",", ";", "\n", "\r\n", "", "xin chào"]
    chance = random.Random(20240502)
    rows = [
        ["".join(chance.choices(pieces, k=chance.randint(0, 6))) for _ in range(4)]
        for _ in range(300)
    ]
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, quoting=quoting, lineterminator="\r\n").writerows(rows)
    text = out.getvalue()
    assert cut(text.encode(), delimiter) == csv_module(text, delimiter)


def test_malformed_quotes_are_cut_as_the_csv_module_cuts_them() -> None:
    # Text after a closing quote, quotes inside unquoted values: csv (not strict) keeps going.
    pieces = ["a", '"', '""', ",", "\n", "\r\n", "é"]
    chance = random.Random(7)
    for _ in range(2000):
        text = "".join(chance.choices(pieces, k=chance.randint(1, 14)))
        ours = cut(text.encode())
        if any(isinstance(found, Rejected) for _, found in ours):
            continue  # a quote never closed: the csv module makes a row of it anyway
        assert ours == csv_module(text), text


def test_chunks_split_inside_a_line_keep_the_quote_state() -> None:
    text = 'id,text\n1,"' + "ab,c" * 50 + '\n""d"""\n2,x\n'
    cut_small = cut(text.encode(), limit=10_000)
    assert cut_small == csv_module(text)


def test_a_record_over_the_limit_is_flagged_and_the_next_one_is_whole() -> None:
    text = '1,"' + "x" * 100 + "\n" + "y" * 100 + '"\n2,z\n'
    [(line, problem), (next_line, cells)] = cut(text.encode(), limit=50)
    assert line == 1
    assert isinstance(problem, Rejected)
    assert "longer than 50" in problem.message
    assert (next_line, cells) == (3, ["2", "z"])


def test_leading_cells_of_an_unreadable_record() -> None:
    data = b'c3,chat,"never closed\nmore\n'
    [record] = csv_records.records(io.BytesIO(data), ",", ReadContext())
    assert record.unclosed
    assert record.leading_cells(",") == ["c3", "chat"]


def test_a_bad_byte_is_reported_on_its_physical_line_and_replaced() -> None:
    data = b'h\n"one\ntw\xffo",x\n'
    [_, (line, problem)] = cut(data)
    assert line == 2
    assert isinstance(problem, Rejected)
    assert problem.line == 3
    [_, record] = csv_records.records(io.BytesIO(data), ",", ReadContext())
    texts, _ = csv_records.decode(record)
    assert csv_records.cells(texts, 2, ",") == ["one\ntw\ufffdo", "x"]


def test_progress_reaches_the_end() -> None:
    positions: list[int] = []
    context = ReadContext(on_progress=positions.append)
    data = b"a,b\n1,2\n3,4"
    list(csv_records.records(io.BytesIO(data), ",", context))
    assert positions == [4, 8, 11]


@pytest.mark.parametrize(
    ("header", "delimiter"),
    [(b"a,b;c\n", ","), (b"a;b;c\n", ";"), (b"a\tb\n", ",")],
)
def test_sniff_delimiter(header: bytes, delimiter: str) -> None:
    handle = io.BytesIO(header + b"1;2,3\n")
    assert csv_records.sniff_delimiter(handle, 1000) == delimiter
    assert handle.tell() == 0


def test_leading_cells_of_a_record_the_csv_module_refuses() -> None:
    data = b'c3\rx,"never closed\n'
    [record] = csv_records.records(io.BytesIO(data), ",", ReadContext())
    assert record.leading_cells(",") == []


def test_cells_refuse_text_that_is_more_than_one_row() -> None:
    found = csv_records.cells(["a,b\n", "c\n"], 7, ",")
    assert isinstance(found, Rejected)
    assert found.line == 7
