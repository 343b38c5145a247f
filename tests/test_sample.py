"""The committed sample dataset is exactly what the deterministic generator writes."""

from helpers.data.sample.generate import generate
from helpers.paths import DATA_DIR


def test_generator_reproduces_the_committed_sample_byte_for_byte(tmp_path):
    written = generate(tmp_path)
    assert written, "the generator wrote nothing"
    for path in written:
        committed = DATA_DIR / path.relative_to(tmp_path)
        assert committed.exists(), f"{committed} is not committed: run `make sample`"
        assert path.read_bytes() == committed.read_bytes(), f"{committed} differs from the generator: run `make sample`"


def test_sample_mixes_the_formats_analysts_export():
    files = list(DATA_DIR.glob("20*/*.*"))
    suffixes = {p.suffix for p in files}
    assert {".csv", ".xlsx"} <= suffixes
    texts = [p.read_bytes() for p in files if p.suffix == ".csv"]
    assert any(t.startswith(b"\xef\xbb\xbf") for t in texts)  # UTF-8 with BOM
    assert any(b";" in t.split(b"\n")[0] for t in texts) and any(b"," in t.split(b"\n")[0] for t in texts)
    assert any(_is_cp1252_only(t) for t in texts)  # Windows-1252 (French Excel)


def _is_cp1252_only(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False
