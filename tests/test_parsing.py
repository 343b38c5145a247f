"""Unit tests of the French cell parsers."""

import numpy as np
import pandas as pd

from helpers.data.contract import parsing


def s(*values: str) -> pd.Series:
    return pd.Series(list(values), dtype="object")


def test_decimal_accepts_comma_point_spaces_and_percent():
    values, bad = parsing.parse_decimal(s("97,3", "1 234,5", "12.5", "97,4 %", "", "abc"))
    assert values.tolist()[:4] == [97.3, 1234.5, 12.5, 97.4]
    assert pd.isna(values[4]) and pd.isna(values[5])
    assert bad.tolist() == [False, False, False, False, False, True]


def test_integer_rejects_fractions_and_reads_thousands():
    values, bad = parsing.parse_integer(s("622 230", "12,0", "12,5", "7"))
    assert values[0] == 622230 and values[1] == 12 and values[3] == 7
    assert bad.tolist() == [False, False, True, False]


def test_dates_french_and_iso():
    values, bad = parsing.parse_dates(s("21/11/2022", "2022-12-21", "2022-07-12 10:32:00", "31/02/2022", ""))
    assert values[0] == pd.Timestamp("2022-11-21")
    assert values[1] == pd.Timestamp("2022-12-21")
    assert values[2] == pd.Timestamp("2022-07-12 10:32:00")
    assert bad.tolist() == [False, False, False, True, False]


def test_month():
    values, bad = parsing.parse_month(s("09/2022", "2022-12", "15/03/2022", "13/2022"))
    assert values[:3].tolist() == [pd.Timestamp("2022-09-01"), pd.Timestamp("2022-12-01"), pd.Timestamp("2022-03-01")]
    assert bad.tolist() == [False, False, False, True]


def test_yesno():
    values, bad = parsing.parse_yesno(s("oui", "Non", "", "peut-être"))
    assert bool(values[0]) and not bool(values[1])
    assert pd.isna(values[2])
    assert bad.tolist() == [False, False, False, True]


def test_category_matches_spelling_regardless_of_case_and_accents():
    values, _ = parsing.parse_category(s("reclamation", "SUGGESTION", "autre chose"), ["réclamation", "suggestion"])
    assert values.tolist() == ["réclamation", "suggestion", "autre chose"]


def test_dashboard_value_keeps_not_tracked_and_dash_distinct_from_zero():
    values, bad = parsing.parse_dashboard_value(s("97,4", "non suivi", "-", "_", "0", "3,3 j", "", "n/a"))
    assert values.tolist()[:6] == ["97.4", "non suivi", "-", "-", "0.0", "3.3"]
    assert pd.isna(values[6])
    assert bad.tolist() == [False] * 7 + [True]


def test_parsing_once_per_distinct_value_gives_what_parsing_every_cell_gives():
    import itertools

    cells = ["7", "10", "", "abc", "1 234", "12,5", "3"]
    text = pd.Series(list(itertools.islice(itertools.cycle(cells), parsing.DISTINCT_MIN_ROWS + 3)),
                     index=range(2, parsing.DISTINCT_MIN_ROWS + 5), dtype="str")
    for parse in (parsing.parse_integer, parsing.parse_decimal, parsing.parse_yesno, parsing.parse_dates,
                  lambda t: parsing.parse_category(t, ["Abc", "Sept"])):
        once, bad_once = parsing.per_distinct(parse, text)
        every, bad_every = parse(text)
        pd.testing.assert_series_equal(once, every, check_names=False)
        pd.testing.assert_series_equal(bad_once, bad_every, check_names=False)


def test_a_categorical_column_is_parsed_once_per_category_as_its_strings_are():
    cells = ["7", "10", "", "abc", "1 234", "12,5", "7", "oui", "Non", "2022-11-21"]
    text = pd.Series(cells * 3, index=range(2, 32), dtype="str")
    categorical = text.astype("category")
    with_missing = pd.Series(pd.Categorical([*cells[:-1], None] * 3), index=text.index)  # missing: an empty cell
    for parse in (parsing.parse_integer, parsing.parse_decimal, parsing.parse_yesno, parsing.parse_dates,
                  parsing.parse_text, lambda t: parsing.parse_category(t, ["Abc", "Sept"])):
        every, bad_every = parse(text)
        once, bad_once = parsing.per_distinct(parse, categorical)
        pd.testing.assert_series_equal(once, every)
        pd.testing.assert_series_equal(bad_once, bad_every)
        empty, _ = parse(text.where(text != "2022-11-21", ""))
        pd.testing.assert_series_equal(parsing.per_distinct(parse, with_missing)[0], empty, check_names=False)


def test_columns_of_mostly_distinct_values_are_parsed_cell_by_cell(monkeypatch):
    calls = []

    def parse(text):
        calls.append(len(text))
        return parsing.parse_integer(text)

    distinct = pd.Series([str(i) for i in range(parsing.DISTINCT_MIN_ROWS)], dtype="str")
    parsing.per_distinct(parse, distinct)
    repeated = pd.Series(["1", "2"] * parsing.DISTINCT_MIN_ROWS, dtype="str")
    parsing.per_distinct(parse, repeated)
    assert calls == [parsing.DISTINCT_MIN_ROWS, 2]


TRICKY_DATES = [
    "21/11/2022", "1/2/2022", "01/02/22", "31/02/2022", "31/04/2022", "29/02/2024", "29/02/2023", "00/01/2022",
    "2022-11-21", "2022-1-5", "21/11/2022 14:03:59", "21/11/2022 14:03", "21/11/2022 24:00:00", "21/11/2022 23:59:60",
    "2022-11-21T14:03:59", "2022-11-21 14:03:59", "21-11-2022", "21.11.2022", "21/11/02022", "21/11/2022x",
    "01/02/0022", "01/02/1899", "01/02/1900", "31/12/2199", "01/01/2200", "01/01/2261", "11/2022", "2022-11",
    "13/2022", "1/2022", "", "abc", "21/11/2022 ", "٢١/١١/٢٠٢٢",
]


def _pandas_only(text: pd.Series, formats) -> tuple[list, list]:
    """The reference: every format in turn, by pandas alone (dates out of datetime64[ns]'s range are unreadable)."""
    values = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns]")
    todo = text != ""
    for fmt in formats:
        parsed = pd.to_datetime(text[todo], format=fmt, errors="coerce")
        parsed = parsed[parsed.notna() & (parsed >= pd.Timestamp.min) & (parsed <= pd.Timestamp.max)]
        values.loc[parsed.index] = parsed.astype("datetime64[ns]")
        todo = todo & values.isna()
    return values.tolist(), todo.tolist()


def test_dates_read_by_pyarrow_are_those_pandas_reads():
    text = s(*TRICKY_DATES)
    for formats in (parsing._DATE_FORMATS, parsing._MONTH_FORMATS):
        values, bad = parsing.parse_dates(text, formats)
        expected, expected_bad = _pandas_only(text, formats)
        assert values.tolist() == expected
        assert bad.tolist() == expected_bad


def test_fixed_width_dates_are_read_from_their_bytes_as_arrow_reads_them():
    import itertools

    import pyarrow as pa

    from helpers.data.contract import fixed_width_dates

    samples = {"%d": "29", "%m": "02", "%Y": "2024", "%H": "23", "%M": "59", "%S": "58"}
    for fmt in dict.fromkeys(parsing._DATE_FORMATS + parsing._MONTH_FORMATS):
        width = fixed_width_dates.layout(fmt)[0]
        valid = fmt
        for directive, value in samples.items():
            valid = valid.replace(directive, value)
        # Every character of a valid cell replaced in turn by each of a few others, and the tricky dates.
        cells = [valid[:i] + c + valid[i + 1:] for i, c in itertools.product(range(width), "0123456789/-: T.x")]
        cells += [c for c in TRICKY_DATES if len(c.encode()) == width]
        cells += ["31/04/2022", "30/04/2022", "29/02/2023", "28/02/1900", "29/02/1900", "29/02/2000", "01/01/2199"]
        cells = [c for c in cells if len(c.encode()) == width]
        array = pa.array(cells, type=pa.large_string())
        matrix = fixed_width_dates.cell_bytes(array, width)
        assert matrix is not None and matrix.shape == (len(cells), width)
        from_bytes = fixed_width_dates.read_dates(matrix, fmt)
        by_arrow = parsing._arrow_dates(array, fmt)
        assert from_bytes.tolist() == by_arrow.tolist(), fmt
        assert (~np.isnat(from_bytes)).sum() > 1, fmt  # the valid cell and a few of its variants are dates
    assert fixed_width_dates.cell_bytes(pa.array(["01/02/2022", "1/2/2022"]), 10) is None  # widths differ
    assert fixed_width_dates.cell_bytes(pa.array(["01/02/2022", None]), 10) is None
    sliced = pa.array(["x", "01/02/2022", "03/04/2022"]).slice(1)  # an offset into the buffers
    read = fixed_width_dates.read_dates(fixed_width_dates.cell_bytes(sliced, 10), "%d/%m/%Y")
    assert (read == np.array(["2022-02-01", "2022-04-03"], dtype="datetime64[ns]")).all()


def test_no_two_formats_read_the_same_zero_padded_date():
    import re

    samples = {"%d": "21", "%m": "11", "%Y": "2022", "%H": "14", "%M": "03", "%S": "59"}
    for formats in (parsing._DATE_FORMATS, parsing._MONTH_FORMATS):
        for fmt in formats:
            written = re.sub(r"%[dmYHMS]", lambda m: samples[m.group()], fmt)
            assert parsing._written_in(__import__("pyarrow").array([written]), fmt) == 1, fmt
            readers = [other for other in formats
                       if not pd.isna(pd.to_datetime(pd.Series([written]), format=other, errors="coerce")[0])]
            assert readers == [fmt], (written, readers)


def test_a_long_column_of_distinct_times_parsed_by_slices_equals_one_pass(monkeypatch):
    from helpers.data import parallel

    monkeypatch.setattr(parallel, "THREADED_MIN_CELLS", 0)
    cells = [f"{1 + i % 28:02d}/{1 + i % 12:02d}/2022 {i % 24:02d}:{i % 60:02d}:{(i * 7) % 60:02d}"
             for i in range(parsing.DISTINCT_MIN_ROWS)]
    cells[17], cells[9000] = "31/02/2022 10:00:00", "1/2/2022"
    text = pd.Series(cells, index=range(2, len(cells) + 2), dtype="str")
    sliced, bad_sliced = parsing.per_distinct(parsing.parse_dates, text)
    whole, bad_whole = parsing.parse_dates(text)
    pd.testing.assert_series_equal(sliced, whole)
    pd.testing.assert_series_equal(bad_sliced, bad_whole)
    assert bad_whole.sum() == 1 and bad_whole[19]  # 31 February; 1/2/2022 is read by pandas
    assert sliced[9002] == pd.Timestamp("2022-02-01")


def test_thousands_with_spaces_are_read_and_with_a_point_or_a_comma_refused():
    values, bad = parsing.parse_integer(s("311 000", "223\u202f584", "46\u00a0102", "311.000", "71,000", "1.000.000",
                                          "12,0", "12,000", "0,500", "-1.000", "1 234,0"))
    assert values[:3].tolist() == [311000, 223584, 46102] and values[6] == 12 and values[10] == 1234
    assert bad.tolist() == [False, False, False, True, True, True, False, True, True, True, False]
    expected = parsing.expected("integer", s("311.000", "71,000", "1.000.000", "0,500", "abc"))
    assert expected[0] == ("un nombre entier sans point ni virgule entre les milliers : « 311.000 » peut se lire 311 "
                           "ou 311 000 ; écrire 311000 ou 311 000")
    assert "« 71,000 » peut se lire 71 ou 71 000" in expected[1]
    assert expected[2].endswith("écrire 1000000 ou 1 000 000")
    assert expected[3] == expected[4] == "un nombre entier"


def test_decimals_take_one_mark_and_refuse_thousands_points_or_commas():
    # One point or one comma is the decimal mark; both, or the same one twice, are refused.
    values, bad = parsing.parse_decimal(s("1,234", "1.234", "1.234,5", "1,234.5", "1.234.567", "1 234,5", "97,4 %"))
    assert values[0] == values[1] == 1.234 and values[5] == 1234.5 and values[6] == 97.4
    assert bad.tolist() == [False, False, True, True, True, False, False]
    expected = parsing.expected("decimal", s("1.234,5", "1,234.5", "1.234.567", "1.2.3"))
    assert "écrire 1234,5 ou 1 234,5" in expected[0] and "écrire 1234,5 ou 1 234,5" in expected[1]
    assert "écrire 1234567 ou 1 234 567" in expected[2]
    assert expected[3] == parsing.EXPECTED_BY_KIND["decimal"]
    dashboard, bad = parsing.parse_dashboard_value(s("1.234,5", "1,234"))
    assert bad.tolist() == [True, False] and dashboard[1] == "1.234"


def test_a_rate_written_with_its_percent_sign_is_the_number():
    values, bad = parsing.parse_decimal(s("90 %", "90%", "90\u202f%", "97,4\u00a0%"))
    assert values.tolist() == [90, 90, 90, 97.4] and not bad.any()
    values, bad = parsing.parse_dashboard_value(s("90 %", "90%"))
    assert [float(v) for v in values] == [90, 90] and not bad.any()


FRENCH_LETTERS = "àâäçéèêëîïôöùûüÿæœÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸÆŒ"
FRENCH_SIGNS = "«»€’‘“”—–…°\u00a0\u202f.,;:!?'\"()- "


def test_french_text_is_never_taken_for_text_in_the_wrong_encoding():
    import itertools

    sentences = [
        FRENCH_LETTERS, "« Très bien », merci ! L’accueil coûte 25 € ; “oui” — non… – 3 °C, n° 12, 50\u202f%",
        "Le théâtre, le château, la pâte, l’âge, ÂGE, PÂQUES, Noël, maïs, où, allô, dû, L’HAŸ-LES-ROSES",
        "cœur, sœur, vœux, œuvre, ŒUVRE, Œdipe, 1½ heure, ¼ d’heure, 1\u00a0234\u00a0€",
        "CAFÉ\u00a0», « SANTÉ\u00a0», « À\u00a0bientôt\u00a0», «\u00a0Où\u00a0?\u00a0», « Déjà\u00a0»",
        "SÃO PAULO, Åse",
    ]
    # Every letter with every sign before or after it (Â and â never end a French word).
    pairs = [a + b for a, b in itertools.product(FRENCH_LETTERS.replace("â", "").replace("Â", ""), FRENCH_SIGNS)]
    pairs += [b + a for a, b in itertools.product(FRENCH_LETTERS, FRENCH_SIGNS)]
    text = pd.Series(sentences + pairs, dtype="str")
    assert parsing.garbled(text).empty
    windows = [t for t in sentences + pairs if "\u202f" not in t]
    assert parsing.garbled(pd.Series([t.encode("cp1252").decode("cp1252") for t in windows], dtype="str")).empty


def test_text_in_the_wrong_encoding_is_found_with_what_it_meant():
    # Each French character's UTF-8 read as Windows-1252 (but Ï and ”, whose bytes it leaves undefined).
    chars = [c for c in FRENCH_LETTERS + "«»€’‘“—–…°\u00a0\u202f" if c not in "Ï"]
    cells = pd.Series([f"x{c.encode('utf-8').decode('cp1252')}y" for c in chars], dtype="str")
    found = parsing.garbled(cells)
    assert list(found.index) == list(range(len(chars)))
    for c, sequence in zip(chars, found, strict=True):
        assert f"est un « {c} » enregistré en UTF-8" in parsing.garbled_expected(sequence, "cp1252"), (c, sequence)
    latin9 = parsing.garbled(pd.Series(["un c½ur", "25 ¤", "l\x92été", "voilÃ", "ok"], dtype="str"))
    assert latin9.tolist() == ["½", "¤", "\x92", "Ã"]
    assert "« ½ » est sans doute un « œ » d’un fichier encodé en ISO-8859-15" in parsing.garbled_expected("½", "cp1252")
    assert "sans doute un « ’ »" in parsing.garbled_expected("\x92", "utf-8")
    assert "corriger la cellule" in parsing.garbled_expected("Ã©", "xlsx")
    assert "réenregistrer le fichier en « CSV UTF-8 »" in parsing.garbled_expected("Ã©", "utf-8")
    # A categorical column (a large file's repetitive one) is looked at through its categories.
    categorical = pd.Series(["PrÃ©fecture", "DDT", "PrÃ©fecture"], index=[2, 3, 4]).astype("category")
    assert parsing.garbled(categorical).to_dict() == {2: "Ã©", 4: "Ã©"}
    long = "a" * 100 + "Ã©" + "b" * 100
    assert parsing.excerpt(long, "Ã©") == "…" + "a" * 24 + "Ã©" + "b" * 24 + "…"
