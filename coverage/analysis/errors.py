"""Errors raised by the analysis pipeline.

Kept in their own module so callers (views, tasks, management commands) can catch
them without importing onnxruntime or numpy.
"""

from __future__ import annotations


class AnalysisError(Exception):
    """Base class for failures of the analysis pipeline."""


class ModelNotInstalled(AnalysisError):
    """A model file the pipeline needs is not on disk; the message says how to install it."""
