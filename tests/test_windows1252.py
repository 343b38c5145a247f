"""Windows-1252 bytes made UTF-8 text by the fast reader, cell by cell as Python's codec would."""

import pyarrow as pa
import pytest

from helpers.data.contract.windows1252 import decoded

UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}


def test_every_defined_byte_decodes_as_pythons_codec():
    cells = [bytes([b]) for b in range(256) if b not in UNDEFINED]
    cells += [b"", b"Pr\xe9fecture d'Orl\xe9ans", b"\x80 5", b"abc", b"\x93oui\x94 \x85", b""]
    got = decoded(pa.array(cells, pa.large_binary()))
    assert got.type == pa.large_string()
    assert got.to_pylist() == [c.decode("cp1252") for c in cells]


@pytest.mark.parametrize("kind", [pa.binary(), pa.large_binary()])
def test_a_slice_keeps_its_own_cells(kind):
    cells = [b"\xe9t\xe9", b"hiver", b"\x80", b"", b"No\xebl"]
    array = pa.array(cells, kind).slice(1, 3)  # an array starting inside its buffers, as pyarrow's chunks do
    assert decoded(array).to_pylist() == ["hiver", "€", ""]
    assert decoded(pa.array(cells, kind).slice(3)).to_pylist() == ["", "Noël"]


def test_ascii_cells_are_taken_as_they_are():
    array = pa.array([b"Q2022-0001", b"21/11/2022", b""], pa.large_binary())
    got = decoded(array)
    assert got.to_pylist() == ["Q2022-0001", "21/11/2022", ""]
    assert got.buffers()[2].address == array.buffers()[2].address  # no copy


@pytest.mark.parametrize("byte", sorted(UNDEFINED))
def test_an_undefined_byte_is_an_error(byte):
    with pytest.raises(UnicodeDecodeError):
        decoded(pa.array([b"ok", b"a" + bytes([byte])], pa.large_binary()))


def test_a_null_stays_null():
    array = pa.array([b"x", None, b"\xe9t\xe9", None, b"hiver"], pa.large_binary()).slice(1)
    assert decoded(array).to_pylist() == [None, "été", None, "hiver"]
    assert decoded(array).type == pa.large_string()
