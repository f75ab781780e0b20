"""Prefect flows: thin wiring around the plain functions in sitrep.pipeline."""
