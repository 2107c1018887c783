"""Dataset stage: versioned, validated Parquet tables (articles, quotes, speakers, statements).

The contract lives in ``schemas/v<N>/*.json``, ``N`` being :data:`SCHEMA_VERSION` (2: quote rows
carry ``rule`` and ``speaker_rule``; ``v1`` stays to describe versions written before); everything
here is derived from it. Module roles:
``layout`` (names and paths), ``schema`` (contract), ``manifest``, ``card`` (README.md and
croissant.json), ``version_writer`` (streaming, atomic publish), ``writer`` (whole tables at once),
``reader`` and ``validate``.
"""

from .layout import table_files, table_glob
from .manifest import build_manifest, file_digest, read_manifest
from .reader import Dataset, DatasetNotFound, open_dataset, read_table, resolve_version
from .schema import SCHEMA_VERSION, TABLES, SchemaError, TableSchema, check_rows, load_schema
from .validate import ValidationReport, validate
from .version_writer import DatasetWriteError, PartInfo, VersionWriter, write_part_file
from .writer import write_version

__all__ = [
    "SCHEMA_VERSION",
    "TABLES",
    "Dataset",
    "DatasetNotFound",
    "DatasetWriteError",
    "PartInfo",
    "SchemaError",
    "TableSchema",
    "ValidationReport",
    "VersionWriter",
    "build_manifest",
    "check_rows",
    "file_digest",
    "load_schema",
    "open_dataset",
    "read_manifest",
    "read_table",
    "resolve_version",
    "table_files",
    "table_glob",
    "validate",
    "write_part_file",
    "write_version",
]
