#!/usr/bin/env python3
"""Writes the parse-fixture corpus, core/tests/parse-fixtures/<case>/: one case per layout
variant, each a real report of core/tests/corpus/ with one documented edit (a note line
between rows, a remark in a cell, a hidden spacer row, a table continued in a second
<table>, a missing row in each table, a caption with a figure, a row without its label).

Each case gets its input and case.json (the variant, the report it comes from, the edit,
and the cells the edited input no longer determines: those must parse as null, every
other cell as the report's hand-checked figure). expected.json, the parse result that
every language's test compares with, is written by
`ZFXXGK_UPDATE_PARSE_FIXTURES=1 cargo test -p zfxxgk --test parse_fixtures`
(scripts/regenerate runs both).
"""
import json
import pathlib
import shutil

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "core/tests/corpus"
OUT = ROOT / "core/tests/parse-fixtures"

ROW = ["natural_person", "commercial", "research", "social_welfare", "legal_services", "other", "total"]


def row(pointer):
    return [f"{pointer}/{c}" for c in ROW]


def replace_once(text, old, new):
    assert text.count(old) >= 1, f"not found: {old!r}"
    return text.replace(old, new, 1)


SPACER = "<tr height=0 style='display:none'>" + "<td width=40 style='border:none'></td>" * 8 + "</tr>"

CASES = [
    {
        "case": "note-line-between-rows",
        "variant": "a note line with a figure of its own between two table-3 rows (PDF text)",
        "from": "hz-hongze-2024/input.txt",
        "edit": "after the row （一）予以公开, the line （注：其中 3 件为网上申请）",
        "apply": lambda t: replace_once(t, "（一）予以公开 50 0 0 0 0 0 50\n", "（一）予以公开 50 0 0 0 0 0 50\n（注：其中 3 件为网上申请）\n"),
        "null": [],
    },
    {
        "case": "note-line-without-brackets",
        "variant": "a note line in prose between two table-3 rows (PDF text)",
        "from": "hz-hongze-2024/input.txt",
        "edit": "after the row （一）予以公开, the line 注：其中3件为网上申请",
        "apply": lambda t: replace_once(t, "（一）予以公开 50 0 0 0 0 0 50\n", "（一）予以公开 50 0 0 0 0 0 50\n注：其中3件为网上申请\n"),
        "null": [],
    },
    {
        "case": "remark-in-cell",
        "variant": "a remark with a figure inside a table-2 cell (PDF text)",
        "from": "hz-hongze-2024/input.txt",
        "edit": "行政许可 9487 printed as 行政许可 9487（其中延续 12 件）",
        "apply": lambda t: replace_once(t, "行政许可 9487", "行政许可 9487（其中延续 12 件）"),
        "null": [],
    },
    {
        "case": "remark-in-cell-crawled",
        "variant": "a remark with a figure inside a table-2 cell (crawled text, cells run together)",
        "from": "pt-gwh-2024/input.txt",
        "edit": "行政许可4529 printed as 行政许可4529（其中延续12件）",
        "apply": lambda t: replace_once(t, "行政许可4529", "行政许可4529（其中延续12件）"),
        "null": ["/proactive/normative_documents/issued", "/proactive/normative_documents/repealed", "/proactive/normative_documents/in_force"],
    },
    {
        "case": "caption-with-figure",
        "variant": "table captions with figures (表1 2024年…, 表2) before tables 2 and 3 (crawled text)",
        "from": "pt-gwh-2024/input.txt",
        "edit": "表1 2024年主动公开政府信息情况 after heading 二, 表2 after heading 三",
        "apply": lambda t: replace_once(
            replace_once(t, "二、主动公开政府信息情况第二十条", "二、主动公开政府信息情况表1 2024年主动公开政府信息情况第二十条"),
            "三、收到和处理政府信息公开申请情况（本列",
            "三、收到和处理政府信息公开申请情况表2（本列",
        ),
        "null": ["/proactive/normative_documents/issued", "/proactive/normative_documents/repealed", "/proactive/normative_documents/in_force"],
    },
    {
        "case": "hidden-spacer-rows",
        "variant": "Word's hidden spacer rows (<tr style='display:none'> of empty cells) in every table (web page)",
        "from": "pt-gwh-2024/input.html",
        "edit": "a hidden row of eight empty cells after every row from section 二 on",
        "apply": lambda t: t[: t.find("二、主动公开")] + t[t.find("二、主动公开") :].replace("</tr>", "</tr>" + SPACER),
        "null": [],
    },
    {
        "case": "continued-table",
        "variant": "table 3 continued in a second <table> (续表) after a page break (web page)",
        "from": "pt-gwh-2024/input.html",
        "edit": "table 3 closed after the row 8.属于行政查询事项 and continued in a new <table> headed 续表",
        "apply": lambda t: continued(t),
        "null": [],
    },
    {
        "case": "missing-row-table2",
        "variant": "a table-2 row left out (no 规章 row; crawled text)",
        "from": "pt-gwh-2024/input.txt",
        "edit": "the row 规章000 removed",
        "apply": lambda t: replace_once(t, "规章000", ""),
        "null": [
            "/proactive/regulations/issued", "/proactive/regulations/repealed", "/proactive/regulations/in_force",
            "/proactive/normative_documents/issued", "/proactive/normative_documents/repealed", "/proactive/normative_documents/in_force",
        ],
    },
    {
        "case": "missing-row-table3",
        "variant": "a table-3 row left out, label and figures (PDF text)",
        "from": "hz-hongze-2024/input.txt",
        "edit": "the line 6.属于四类过程性信息 1 0 0 0 0 0 1 removed",
        "apply": lambda t: replace_once(t, "6.属于四类过程性信息 1 0 0 0 0 0 1\n", ""),
        "null": row("/requests/outcomes/withheld/process_information"),
    },
    {
        "case": "blank-row-table3",
        "variant": "a table-3 row printed with its label and no figures (crawled text)",
        "from": "pt-gwh-2024/input.txt",
        "edit": "6.属于四类过程性信息0000000 printed as 6.属于四类过程性信息",
        "apply": lambda t: replace_once(t, "6.属于四类过程性信息0000000", "6.属于四类过程性信息"),
        "null": row("/requests/outcomes/withheld/process_information")
        + ["/proactive/normative_documents/issued", "/proactive/normative_documents/repealed", "/proactive/normative_documents/in_force"],
    },
    {
        "case": "missing-row-table4",
        "variant": "table 4 printed without its figures (crawled text): its cells null, the report still read",
        "from": "pt-gwh-2024/input.txt",
        "edit": "table 4's figures 21317000001324019 removed",
        "apply": lambda t: replace_once(t, "结果尚未审结总计21317000001324019", "结果尚未审结总计"),
        "null": [f"/appeals/{g}/{c}" for g in ["review", "litigation_direct", "litigation_after_review"] for c in ["upheld", "corrected", "other", "pending", "total"]]
        + ["/proactive/normative_documents/issued", "/proactive/normative_documents/repealed", "/proactive/normative_documents/in_force"],
    },
    {
        "case": "row-without-label-confirmed",
        "variant": "a table-3 row whose label is not printed, confirmed by the table's column sums (PDF text)",
        "from": "hz-hongze-2024/input.txt",
        "edit": "the label （一）予以公开 removed from its row",
        "apply": lambda t: replace_once(t, "（一）予以公开 50 0 0 0 0 0 50", "50 0 0 0 0 0 50"),
        "null": [],
    },
    {
        "case": "row-without-label-unconfirmed",
        "variant": "a table-3 row whose label is not printed, in a table whose sums do not hold (PDF text): left null",
        "from": "hz-hongze-2024/input.txt",
        "edit": "the label （一）予以公开 removed, and （七）总计 misprinted 96 (for 95)",
        "apply": lambda t: replace_once(
            replace_once(t, "（一）予以公开 50 0 0 0 0 0 50", "50 0 0 0 0 0 50"),
            "（七）总计 95 0 0 0 0 0 95",
            "（七）总计 96 0 0 0 0 0 96",
        ),
        "null": row("/requests/outcomes/disclosed"),
        "changed": {"/requests/outcomes/total/natural_person": 96, "/requests/outcomes/total/total": 96},
    },
]


def continued(page):
    at = page.find("8.属于行政查询事项")
    end = page.find("</tr>", at) + len("</tr>")
    return page[:end] + "</tbody></table><p>续表</p><table><tbody>" + page[end:]


def main():
    if OUT.exists():
        shutil.rmtree(OUT)
    for case in CASES:
        source = CORPUS / case["from"]
        text = source.read_text(encoding="utf-8")
        edited = case["apply"](text)
        assert edited != text, case["case"]
        folder = OUT / case["case"]
        folder.mkdir(parents=True)
        (folder / ("input" + source.suffix)).write_text(edited, encoding="utf-8")
        meta = {k: case[k] for k in ["variant", "from", "edit", "null"]}
        meta["changed"] = case.get("changed", {})
        (folder / "case.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(CASES)} parse fixtures written to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
