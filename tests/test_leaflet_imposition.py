"""Saddle-stitch imposition order for A5 booklets on A4 sheets."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from handouts.leaflet.imposition import (
    Sheet,
    SheetSide,
    impose,
    padded_order,
    printed_sides,
)


def sides(page_count):
    return [((s.front.left, s.front.right), (s.back.left, s.back.right))
            for s in impose(page_count)]


def test_four_pages_one_sheet():
    assert sides(4) == [((4, 1), (2, 3))]


def test_eight_pages_two_sheets():
    assert sides(8) == [((8, 1), (2, 7)), ((6, 3), (4, 5))]


def test_twelve_pages_three_sheets():
    assert sides(12) == [((12, 1), (2, 11)), ((10, 3), (4, 9)), ((8, 5), (6, 7))]


def test_padding_keeps_the_last_page_as_back_cover():
    assert padded_order(5) == [1, 2, 3, 4, None, None, None, 5]
    assert padded_order(6) == [1, 2, 3, 4, 5, None, None, 6]
    assert padded_order(7) == [1, 2, 3, 4, 5, 6, None, 7]
    assert sides(6) == [((6, 1), (2, None)), ((None, 3), (4, 5))]


def test_one_and_two_pages():
    assert sides(1) == [((None, 1), (None, None))]
    assert sides(2) == [((2, 1), (None, None))]


def test_printed_sides_alternate_front_and_back():
    assert printed_sides(8) == [SheetSide(8, 1), SheetSide(2, 7),
                                SheetSide(6, 3), SheetSide(4, 5)]
    assert isinstance(impose(4)[0], Sheet)


def test_no_pages_is_refused():
    with pytest.raises(ValueError):
        impose(0)


@given(st.integers(min_value=1, max_value=120))
def test_every_page_once_and_facing_pages_add_up(page_count):
    sheets = impose(page_count)
    total = len(sheets) * 4
    assert total % 4 == 0 and total - page_count < 4
    slots = [x for s in sheets for x in (s.front.left, s.front.right,
                                         s.back.left, s.back.right)]
    assert sorted(x for x in slots if x is not None) == list(range(1, page_count + 1))
    # In the padded order, the two positions on one side always add up to total + 1.
    order = padded_order(page_count)
    position = {page: i + 1 for i, page in enumerate(order) if page is not None}
    for sheet in sheets:
        for side in (sheet.front, sheet.back):
            if side.left is not None and side.right is not None:
                assert position[side.left] + position[side.right] == total + 1


def test_right_to_left_booklet_swaps_each_sheet_side():
    # Stapled on the right: the cover left of the fold, page 2 right of it inside.
    for count in (4, 7, 12):
        ltr, rtl = impose(count), impose(count, right_to_left=True)
        for a, b in zip(ltr, rtl, strict=True):
            assert (b.front.left, b.front.right) == (a.front.right, a.front.left)
            assert (b.back.left, b.back.right) == (a.back.right, a.back.left)
    assert impose(4, right_to_left=True)[0].front.left == 1
    assert impose(4, right_to_left=True)[0].back.right == 2
