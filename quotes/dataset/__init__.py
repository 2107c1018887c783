"""Dataset stage: versioned, validated Parquet tables (articles, quotes, speakers, statements).

The contract lives in ``schemas/v1/*.json``; everything here is derived from it.
"""

from .manifest import build_manifest, file_digest, read_manifest
from .reader import Dataset, DatasetNotFound, open_dataset, resolve_version
from .schema import SCHEMA_VERSION, TABLES, SchemaError, TableSchema, check_rows, load_schema
from .validate import ValidationReport, validate
from .writer import DatasetWriteError, write_version

__all__ = [
    "SCHEMA_VERSION",
    "TABLES",
    "Dataset",
    "DatasetNotFound",
    "DatasetWriteError",
    "SchemaError",
    "TableSchema",
    "ValidationReport",
    "build_manifest",
    "check_rows",
    "file_digest",
    "load_schema",
    "open_dataset",
    "read_manifest",
    "resolve_version",
    "validate",
    "write_version",
]
