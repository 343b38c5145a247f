"""Which tests are slow or need a kernel, a browser or a renderer: the one table of the suite.

``make test`` runs everything; ``make test-fast`` deselects ``kernel``, ``browser``, ``render`` and
``slow`` (the markers are declared in pyproject.toml). Test files carry no marker themselves: the
hooks of ``tests/conftest.py`` apply this table at collection. A test that no row names is fast, so
a new slow test must get a row here. At the end of a run, two notes: the unmarked tests that took
long, and the rows that name no test any more (a renamed test).
"""

from __future__ import annotations

import pytest

# "module", "module::fixture" or "module::test function" -> markers, space-separated. The most
# specific row wins: a test function's row, else the rows of the fixtures it uses, else its module's.
# An empty string keeps a test of a marked module in the fast loop.
MARKS = {
    # kernel: starts a Jupyter kernel (papermill, build_report(s), `clu render`); render: pandoc,
    # Typst or Quarto; browser: headless Chromium with axe-core.
    "test_report": "kernel render",  # builds the ATE and DDT reports
    "test_report::test_no_serious_or_critical_accessibility_violation_in_a_real_browser": "kernel render browser",
    "test_consistency": "kernel render",  # builds every scope, runs notebooks with papermill
    "test_hostile_text": "kernel render",  # a report built from hostile data, built-in renderer and Quarto
    "test_quarto_conformance": "kernel render",  # stages every scope, renders each with Quarto and built-in
    "test_quarto_conformance::test_quarto_html_passes_the_accessibility_check": "kernel render browser",
    # Every sample report (tests/sample_reports.py): staged, rendered, then measured.
    "test_pdf_layout::builtin_reports": "kernel render",  # every year x scope, pdfplumber on each PDF
    "test_pdf_layout::quarto_reports": "kernel render",
    "test_pdf_layout::test_the_typography_filter_puts_no_break_spaces_where_french_wants_them_and_only_there": "render",
    "test_html_layout": "kernel render browser",  # every sample report, both renderers, in Chromium
    "test_html_layout::test_the_checks_see_a_wide_page_a_lost_first_column_and_an_unreachable_toc": "browser",
    "test_rendered_french::builtin_reports": "kernel render",  # the text of every sample report
    "test_plots::test_every_chart_prints_its_text_at_8_points_or_more_at_text_width": "slow",
    "test_personal_data::build": "kernel render",  # the seeded report; the seeded copy's own tests are fast
    "test_cache::test_rebuilds_execute_exactly_what_changed": "kernel render",
    # Modules that run notebooks or `clu render` are heavy unless a row keeps a test fast, so that a new
    # or renamed test of theirs stays out of the fast loop.
    "test_notebooks": "kernel",  # papermill and nbval
    "test_notebooks::test_one_notebook_per_source_in_run_order": "",
    "test_notebooks::test_committed_without_outputs_except_kept_references": "",
    "test_notebooks::test_parameters_cell_comes_first": "",
    "test_notebooks::test_report_outputs_are_labelled_captioned_and_described": "",
    "test_build_safety": "kernel render",  # build_reports and `clu render` in a subprocess
    "test_build_safety::test_a_file_edited_after_the_snapshot_changes_nothing_in_the_build": "slow",  # no build
    "test_build_safety::test_the_snapshot_holds_the_resolved_configuration": "",
    "test_build_safety::test_a_second_build_of_the_same_report_stops_at_once": "",
    "test_build_safety::test_a_notebook_error_names_the_notebook_the_scope_and_the_cell": "",
    "test_build_safety::test_clu_prints_a_notebook_error_as_french_lines_without_traceback": "",
    "test_accessibility_tool::tooling": "browser",
    "test_render_builtin::rendered": "render",
    "test_render_builtin::test_project_css_comes_once_after_the_packaged_page_style": "render",
    "test_render_builtin::test_without_project_css_the_packaged_page_style_comes_once": "render",
    "test_escaping::read_back": "render",  # pandoc reads the escaped payloads (one call, cheap)
    "test_escaping::test_a_table_cell_opens_no_link_image_or_raw_markup": "render",
    # slow: no external process, but about a second or more each (most validate a whole year folder).
    "test_report_variables": "slow",  # 24 year x scope runs of every indicator, 2 to 5 s each
    "test_report_variables::test_the_targets_flag_needs_an_indicator_of_the_year_judged_against_a_target": "",
    "test_cli": "slow",  # `clu validate` / `clu indicators` on whole sample years
    "test_cli::test_unknown_scope_is_a_clear_error": "",
    "test_year_folder": "slow",  # copies of a sample year, validated
    "test_year_folder::test_a_looping_year_folder_is_a_problem_not_a_crash": "",
    "test_year_folder::test_a_near_miss_fails_the_reads_of_its_table_only": "",
    "test_year_folder::test_a_day_first_date_is_read_day_first": "",
    "test_year_folder::test_the_periods_read_from_a_day_first_year_file": "",
    "test_year_folder::test_an_alias_bomb_is_refused_at_once": "",
    "test_sample::test_generator_reproduces_the_committed_sample_byte_for_byte": "slow",
    "test_settings::test_clu_with_bad_settings_exits_2_with_french_lines_and_no_traceback": "slow",  # a subprocess
    "test_parallel::test_a_threaded_validation_equals_the_serial_one": "slow",
    "test_reading::test_row_numbers_hold_whatever_block_a_line_end_falls_in": "slow",  # files of many blocks
    "test_personal_data::test_the_copy_is_seeded_and_valid": "slow",  # checks the fixture's own copy
    "test_results::test_compute_covers_the_year_and_the_two_before_it_with_one_watch_list": "slow",  # 3 years
    "test_cache::test_figures_digest_covers_only_the_sources_a_notebook_shows": "slow",  # results of a year
}

# Two rules for parametrised tests, beside the table:
# - the bad-input corpus (tests/test_bad_inputs.py::test_bad_input) validates a copy of the 2022
#   sample per case and reader, about a second each: the fast loop keeps the careful reader on every
#   BAD_INPUT_STRIDE-th case of the corpus (6 of 405 runs, spread over its sections); the rest is slow;
# - a test given an input of more than LARGE_INPUT characters or bytes (a large-file case) is slow.
BAD_INPUT_STRIDE = 30
LARGE_INPUT = 100_000

# A test marked neither slow nor kernel, browser or render whose call (shared fixtures apart) takes
# more CPU seconds than this is named at the end of the run: it probably needs a row in MARKS.
SLOW_NOTE_SECONDS = 2.0
HEAVY = frozenset({"kernel", "browser", "render", "slow"})


def marks_for(item: pytest.Item, used: set[str]) -> list[str]:
    """The markers of ``item`` from MARKS (the rows applied are added to ``used``); nbval's notebooks need a kernel."""
    if item.path.suffix == ".ipynb":
        return ["kernel"]
    module = item.path.stem
    function = f"{module}::{getattr(item, 'originalname', item.name)}"
    fixtures = [f"{module}::{f}" for f in getattr(item, "fixturenames", ()) if f"{module}::{f}" in MARKS]
    rows = [function] if function in MARKS else fixtures or ([module] if module in MARKS else [])
    used.update(rows)
    return " ".join(MARKS[row] for row in rows).split()


def apply(items: list[pytest.Item]) -> list[str]:
    """Add the markers of the table and of the two rules to the collected items.

    Returns the rows of MARKS that name a collected module but none of its tests (a renamed test?).
    """
    used: set[str] = set()
    careful_runs = 0
    for item in items:
        names = marks_for(item, used)
        params = item.callspec.params if hasattr(item, "callspec") else {}
        if item.path.stem == "test_bad_inputs" and getattr(item, "originalname", "") == "test_bad_input":
            careful = params.get("reader") == "careful"
            if not (careful and careful_runs % BAD_INPUT_STRIDE == 0):
                names.append("slow")
            careful_runs += careful
        if any(isinstance(v, (str, bytes)) and len(v) > LARGE_INPUT for v in params.values()):
            names.append("slow")
        for name in dict.fromkeys(names):
            item.add_marker(getattr(pytest.mark, name))
    modules = {item.path.stem for item in items}
    return [row for row in MARKS if row not in used and row.split("::")[0] in modules]


def long_unmarked(calls: list[tuple[float, str]], item_marks: dict[str, set[str]]) -> list[tuple[float, str]]:
    """The (seconds, test id) of ``calls`` whose test has none of the heavy markers, longest first."""
    return sorted((c for c in calls if not item_marks.get(c[1], set()) & HEAVY), reverse=True)
