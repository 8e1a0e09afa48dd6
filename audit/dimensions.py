"""What a threshold slot measures, and whether a stated number can be a value of it.

Each slot of the catalog names its `dimension` (catalog/standards/*.toml). A number with the slot's unit
is still not its value when it lies outside the dimension's range (80 is no number of teachers per
hundred students; 3.2 is no coefficient of variation) or when its clause counts things instead of
measuring the ratio (每年评选骨干教师不少于80名 is a head count).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from duibiao import regex_cache


@dataclass(frozen=True)
class Dimension:
    low: float  # exclusive
    high: float  # inclusive
    counts: re.Pattern | None = None  # a clause counting things, not measuring this dimension
    base: re.Pattern | None = None  # ... unless it names the dimension's base


# Verbs that count the people a plan selects or hires, in the number's own clause (每年评选骨干教师不少于80名;
# not 加强骨干教师培养，小学、初中均达到1人以上).
_COUNTING = regex_cache.compile(r"(?:评选|评定|遴选|选拔|培养|培育|招聘|招录|补充|新增|引进|认定|选派)[^，,；;。]*$")
_PER_HUNDRED = regex_cache.compile(r"每百名|百名学生|每100名")

DIMENSIONS: dict[str, Dimension] = {
    "per_100_students": Dimension(0, 20, _COUNTING, _PER_HUNDRED),  # teachers or rooms per hundred students
    "area_per_student": Dimension(0, 60),  # 平方米 per student
    "money_per_student": Dimension(100, 100_000),  # 元 per student
    "room_area": Dimension(20, 1000),  # 平方米 of one room
    "class_size": Dimension(10, 150),  # students per class
    "school_size": Dimension(100, 20_000),  # students per school
    "students": Dimension(1, 10_000),  # a number of students used as a base
    "share": Dimension(0, 100),  # a percentage
    "coefficient": Dimension(0, 1),  # a ratio between 0 and 1
    "classes": Dimension(0, 100),
    "rooms": Dimension(0, 10),  # rooms per so many classes (每12个班级1间), not rooms to be built
    "hours": Dimension(0, 5_000),
    "years": Dimension(0, 30),
    "items": Dimension(0, 100),
    "grade": Dimension(0, 10),  # 学业水平 Ⅲ级
}


def fits(dimension: str | None, value: float, lead_in: str) -> bool:
    """True when `value`, stated after `lead_in` (its clause up to it), can measure `dimension`."""
    d = DIMENSIONS.get(dimension) if dimension else None
    if d is None:
        return True
    if not d.low < value <= d.high:
        return False
    return not (d.counts and d.counts.search(lead_in) and not (d.base and d.base.search(lead_in)))
