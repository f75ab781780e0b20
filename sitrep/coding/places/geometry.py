"""The one distance the place coder needs: squared degrees on a flat map around a point.

Good enough (and fast) for "which of these is nearest" and "within a few tens of kilometres"; not a geodesic
distance (sitrep.evaluation's haversine is for that). One degree of latitude is about DEGREE_KM kilometres."""

from __future__ import annotations

import math

DEGREE_KM = 111


def squared_degrees(lat0: float, lon0: float, lat: float, lon: float) -> float:
    """Squared distance in degrees of latitude from (lat0, lon0) to (lat, lon), longitude scaled at lat0."""
    scale = math.cos(math.radians(lat0))
    return (lat - lat0) ** 2 + ((lon - lon0) * scale) ** 2
