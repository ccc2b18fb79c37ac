from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tally.publish.geo import GeoJSONError, load_regions, svg_paths


def _square(x: float, y: float, size: float) -> dict[str, Any]:
    ring = [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]
    return {"type": "Polygon", "coordinates": [ring]}


def _feature(code: str, name_en: str, name_ru: str, size: float) -> dict[str, Any]:
    return {"type": "Feature", "geometry": _square(37, 55, size),
            "properties": {"iso_3166_2": code, "name_en": name_en, "name_ru": name_ru}}


@pytest.mark.parametrize(
    ("features", "city_size"),
    [
        # Natural Earth's error: the city's polygon carries RU-MOS, the oblast's RU-MOW
        ([_feature("RU-MOW", "Moscow Oblast", "Московская область", 3.0),
          _feature("RU-MOS", "Moscow", "Москва", 0.5)], 0.5),
        # a correct file is left alone
        ([_feature("RU-MOW", "Moscow", "Москва", 0.5),
          _feature("RU-MOS", "Moscow Oblast", "Московская область", 3.0)], 0.5),
    ],
)
def test_moscow_codes_put_right_by_names(
    tmp_path: Path, features: list[dict[str, Any]], city_size: float
) -> None:
    path = tmp_path / "regions.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    regions = load_regions(path)
    city = regions["RU-MOW"].rings[0]
    assert max(p[0] for p in city) - min(p[0] for p in city) == pytest.approx(city_size)


def test_natural_earth_file(shared_data: Path) -> None:
    regions = load_regions(shared_data / "regions" / "naturalearth_50m_admin1_RUS.geojson")
    assert len(regions) == 85

    def extent(code: str) -> float:
        xs = [p[0] for ring in regions[code].rings for p in ring]
        return max(xs) - min(xs)

    assert extent("RU-MOW") < extent("RU-MOS") / 3  # the city is the small one
    width, height, paths = svg_paths(regions.values())
    assert width == 900 and 0 < height < 900
    assert len(paths) == 85 and all(p.d.startswith("M") for p in paths)
    chukotka = next(p for p in paths if p.code == "RU-CHU")
    xs = [float(tok.split(" ")[0]) for tok in chukotka.d[1:].replace("Z", "").split("L")
          if " " in tok and not tok.startswith("M")]
    assert min(xs) > width / 2  # the antimeridian does not tear Chukotka to the west edge


def test_bad_file(tmp_path: Path) -> None:
    path = tmp_path / "x.geojson"
    path.write_text('{"type": "FeatureCollection", "features": []}')
    with pytest.raises(GeoJSONError, match="no feature"):
        load_regions(path)
