"""Dataset card (``README.md``) and ``croissant.json`` for a version, generated from ``schemas/``.

Both describe the tables the way the Parquet files actually are, so they are built from the same
schema the writer enforces, never written by hand. Paths in them are relative to the version dir:
the directory can be uploaded to the Hugging Face Hub or read by ``mlcroissant`` as it is.
The inputs' license is unknown to the tool; the card says so and leaves it for the user to fill in.
"""

from __future__ import annotations

import json
import re
from typing import Any

from .layout import table_glob
from .schema import TABLES, Column, TableSchema, _split_top, load_schema

DEFAULT_CONFIG = "quotes"
CITE_PLACEHOLDER = "FILL IN: how to cite this dataset"
LICENSE_PLACEHOLDER = "FILL IN: the license of the input articles (set by their publishers), before sharing"
_SUMMARY = {
    "articles": "One row per input article: source, metadata and the cleaned text every offset refers to.",
    "quotes": "One row per quotation: its words, offsets into the article text, speaker, role, cue and date.",
    "speakers": "One row per speaker linked across articles: name, aliases, roles and their dates.",
    "statements": "One row per statement: the same words repeated across articles and outlets, grouped.",
}
_HF_DTYPES = {"string": "string", "int32": "int32", "int64": "int64", "float64": "float64", "bool": "bool"}
_CR_TYPES = {"string": "sc:Text", "int32": "sc:Integer", "int64": "sc:Integer", "float64": "sc:Float", "bool": "sc:Boolean"}
CROISSANT_CONTEXT: dict[str, Any] = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}


def _schemas(schema_version: str) -> dict[str, TableSchema]:
    return {t: load_schema(t, schema_version) for t in TABLES}


def _q(s: str) -> str:
    """A YAML scalar: plain when it is an identifier, else JSON string syntax (valid YAML double-quoted)."""
    return s if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", s) else json.dumps(s, ensure_ascii=False)


# --- Hugging Face dataset card ------------------------------------------------------------------


def _hf_feature(spec: str, indent: str) -> list[str]:
    """YAML lines of a ``datasets`` feature for a schema type (the form ``Features._to_yaml_list`` writes)."""
    spec = spec.strip()
    if spec in _HF_DTYPES:
        return [f"{indent}dtype: {_HF_DTYPES[spec]}"]
    if spec.startswith("list<"):
        inner = spec[5:-1].strip()
        if inner in _HF_DTYPES:
            return [f"{indent}list: {_HF_DTYPES[inner]}"]
        if inner.startswith("struct<"):
            return [f"{indent}list:", *_hf_struct(inner, indent)]
        raise ValueError(f"no dataset-card feature for {spec!r}")
    if spec.startswith("struct<"):
        return [f"{indent}struct:", *_hf_struct(spec, indent)]
    raise ValueError(f"no dataset-card feature for {spec!r}")


def _hf_struct(spec: str, indent: str) -> list[str]:
    out = []
    for part in _split_top(spec[7:-1]):
        name, _, sub = part.partition(":")
        out.append(f"{indent}- name: {_q(name.strip())}")
        out.extend(_hf_feature(sub, indent + "  "))
    return out


def _front_matter(schemas: dict[str, TableSchema], row_counts: dict[str, int]) -> list[str]:
    lines = ["---", "configs:"]
    for t in TABLES:
        lines += [f"- config_name: {t}", "  data_files:", "  - split: train", f"    path: {_q(table_glob(t))}"]
        if t == DEFAULT_CONFIG:
            lines.append("  default: true")
    lines.append("dataset_info:")
    for t, schema in schemas.items():
        lines += [f"- config_name: {t}", "  features:"]
        for c in schema.columns:
            lines.append(f"  - name: {_q(c.name)}")
            lines.extend(_hf_feature(c.type, "    "))
        lines += ["  splits:", "  - name: train", f"    num_examples: {int(row_counts.get(t, 0))}"]
    lines += [
        "license: unknown  # " + LICENSE_PLACEHOLDER,
        "language:",
        "- en",
        "pretty_name: Quotes from news articles",
        "tags:",
        "- quotations",
        "- news",
        "- attribution",
        "---",
    ]
    return lines


def _md_cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _column_row(c: Column) -> str:
    kind = c.type + ("" if c.nullable else ", not null")
    meaning = c.meaning + (f" One of: {', '.join(c.enum)}." if c.enum else "")
    return f"| `{c.name}` | `{_md_cell(kind)}` | {_md_cell(meaning)} |"


def dataset_card(provenance: dict, row_counts: dict[str, int], schema_version: str) -> str:
    """The version's ``README.md``: HF YAML front matter (one config per table) and a readable card."""
    schemas = _schemas(schema_version)
    model = provenance.get("model") or {}
    model_id = model.get("model_id") or model.get("name") if isinstance(model, dict) else None
    lines = _front_matter(schemas, row_counts)
    lines += [
        "",
        "# Quotes from news articles",
        "",
        "Who said what, in what role, and when: quotations extracted from news articles and attributed "
        "to their speakers by the `quotes` tool. Every quote carries character offsets into its "
        "article's text, so each row can be checked against its source.",
        "",
        "## License",
        "",
        f"**{LICENSE_PLACEHOLDER}.** The article texts in `articles` are the publishers' work; the "
        "`quotes` tool that built this dataset is MIT-licensed, which says nothing about its inputs.",
        "",
        "## Provenance",
        "",
        f"- dataset schema version: {schema_version}",
        f"- built by quotes {provenance.get('quotes_version') or 'unknown'}"
        + (f" with model `{model_id}`" if model_id else ""),
        f"- inputs: {len(provenance.get('inputs') or [])} files; inputs not turned into articles: "
        f"{len(provenance.get('errors') or [])} (listed in `manifest.json`, with every file's sha256)",
        "",
        "## Loading",
        "",
        "Each table is a directory of Parquet part files; read it with one glob or directory path:",
        "",
        "```python",
        'import polars as pl;  q = pl.read_parquet("quotes/*.parquet")',
        'import pandas as pd;  q = pd.read_parquet("quotes")',
        'import duckdb;        duckdb.sql("select * from \'quotes/*.parquet\'")',
        "from datasets import load_dataset",
        'q = load_dataset("parquet", data_files="quotes/*.parquet", split="train")',
        "```",
        "",
        "`croissant.json` describes the same tables in MLCommons Croissant 1.0.",
        "",
        "## Tables",
    ]
    for t, schema in schemas.items():
        lines += [
            "",
            f"### {t}",
            "",
            f"{_SUMMARY.get(t, '')} {int(row_counts.get(t, 0))} rows, files `{table_glob(t)}`, "
            f"primary key `{schema.primary_key}`.",
            "",
            "| column | type | meaning |",
            "|---|---|---|",
            *(_column_row(c) for c in schema.columns),
        ]
    return "\n".join(lines) + "\n"


# --- Croissant ----------------------------------------------------------------------------------


def _cr_field(table: str, fid: str, name: str, spec: str, description: str, column: str | None) -> dict:
    """A Croissant Field for one schema column; lists become ``repeated``, structs get subFields."""
    spec = spec.strip()
    field: dict[str, Any] = {"@type": "cr:Field", "@id": fid, "name": name, "description": description}
    if spec.startswith("list<"):
        field["repeated"] = True
        spec = spec[5:-1].strip()
    if spec in _CR_TYPES:
        field["dataType"] = _CR_TYPES[spec]
    elif spec.startswith("struct<"):
        subs = []
        for part in _split_top(spec[7:-1]):
            sname, _, sub = part.partition(":")
            sname = sname.strip()
            subs.append(_cr_field(table, f"{fid}/{sname}", sname, sub, f"{name}.{sname}", None))
            subs[-1]["source"] = {"fileSet": {"@id": f"{table}-files"}, "extract": {"column": column or name},
                                  "transform": {"jsonPath": sname}}
        field["dataType"] = "sc:StructuredValue"
        field["subField"] = subs
    else:
        raise ValueError(f"no Croissant type for {spec!r}")
    if column is not None:
        field["source"] = {"fileSet": {"@id": f"{table}-files"}, "extract": {"column": column}}
    return field


def croissant(provenance: dict, row_counts: dict[str, int], schema_version: str) -> dict:
    """``croissant.json``: one FileSet (glob of the table's parts) and one RecordSet per table."""
    schemas = _schemas(schema_version)
    distribution = [
        {
            "@type": "cr:FileSet",
            "@id": f"{t}-files",
            "name": f"{t}-files",
            "description": f"Parquet part files of the {t} table.",
            "encodingFormat": "application/x-parquet",
            "includes": table_glob(t),
        }
        for t in TABLES
    ]
    record_sets = []
    for t, schema in schemas.items():
        record_sets.append({
            "@type": "cr:RecordSet",
            "@id": t,
            "name": t,
            "description": f"{_SUMMARY.get(t, '')} {int(row_counts.get(t, 0))} rows.",
            "key": {"@id": f"{t}/{schema.primary_key}"},
            "field": [_cr_field(t, f"{t}/{c.name}", c.name, c.type, c.meaning, c.name) for c in schema.columns],
        })
    doc = {
        "@context": CROISSANT_CONTEXT,
        "@type": "sc:Dataset",
        "conformsTo": "http://mlcommons.org/croissant/1.0",
        "name": "quotes",
        "description": "Who said what, in what role, and when: quotations extracted from news articles, "
                       "with offsets into each article's text, speakers, roles and dates.",
        "license": LICENSE_PLACEHOLDER,
        "url": "https://example.org/FILL-IN-where-this-dataset-is-published",
        "citeAs": CITE_PLACEHOLDER,
        "datePublished": str(provenance.get("created_at") or "")[:10] or None,
        "distribution": distribution,
        "recordSet": record_sets,
    }
    return {k: v for k, v in doc.items() if v is not None}


def croissant_json(provenance: dict, row_counts: dict[str, int], schema_version: str) -> str:
    return json.dumps(croissant(provenance, row_counts, schema_version), indent=2, ensure_ascii=False) + "\n"
