"""Panel geometry of the leaflet folds, in points."""

import pytest

from handouts.leaflet.folds import A4, A5, MIN_MARGIN_MM, MM, fold_geometry


def mm(points: float) -> float:
    return round(points / MM, 3)


def test_trifold_is_a4_landscape_with_two_sides():
    fold = fold_geometry("trifold")
    assert [s.name for s in fold.sides] == ["outside", "inside"]
    for side in fold.sides:
        assert (side.width, side.height) == (A4[1], A4[0])


def test_trifold_panel_widths_and_order():
    fold = fold_geometry("trifold")
    outside = fold.side("outside").panels
    inside = fold.side("inside").panels
    assert [p.name for p in outside] == ["flap", "back", "cover"]
    assert [mm(p.rect.width) for p in outside] == [97, 100, 100]
    assert [mm(p.rect.width) for p in inside] == [100, 100, 97]
    assert [mm(p.rect.x) for p in outside] == [0, 97, 197]
    assert [mm(p.rect.x) for p in inside] == [0, 100, 200]


def test_the_flap_is_the_back_of_the_inside_right_panel():
    # Turned over on the short edge, x becomes sheet width - x.
    fold = fold_geometry("trifold")
    width = fold.side("outside").width
    flap = fold.side("outside").panel("flap").rect
    inside_right = fold.side("inside").panel("inside-right").rect
    assert flap.x == pytest.approx(width - inside_right.right)
    assert flap.width == pytest.approx(inside_right.width)
    cover = fold.side("outside").panel("cover").rect
    assert cover.width == pytest.approx(fold.side("inside").panel("inside-left").rect.width)


@pytest.mark.parametrize("kind", ["trifold", "booklet", "single"])
def test_frames_keep_the_minimum_margin_from_folds_and_edges(kind):
    for side in fold_geometry(kind, margin_mm=MIN_MARGIN_MM).sides:
        for panel in side.panels:
            r, f = panel.rect, panel.frame
            for gap in (f.x - r.x, r.right - f.right, f.y - r.y, r.top - f.top):
                assert gap >= MIN_MARGIN_MM * MM - 1e-9


def test_margin_below_minimum_is_refused():
    with pytest.raises(ValueError, match="minimum"):
        fold_geometry("trifold", margin_mm=4)


def test_unknown_fold_is_refused():
    with pytest.raises(ValueError, match="unknown fold"):
        fold_geometry("zfold")


def test_fold_marks_sit_on_the_folds_outside_the_text():
    fold = fold_geometry("trifold")
    outside = fold.side("outside")
    assert sorted({mm(m.x) for m in outside.fold_marks}) == [97, 197]
    assert sorted({mm(m.x) for m in fold.side("inside").fold_marks}) == [100, 200]
    lowest_text = min(p.frame.y for p in outside.panels)
    highest_text = max(p.frame.top for p in outside.panels)
    for mark in outside.fold_marks:
        assert mark.y1 <= lowest_text or mark.y0 >= highest_text
        assert 0 < mark.y0 < mark.y1 < outside.height


def test_text_flows_from_the_flap_through_the_inside_to_the_back():
    fold = fold_geometry("trifold")
    assert fold.flow == (("outside", "flap"), ("inside", "inside-left"),
                         ("inside", "inside-middle"), ("inside", "inside-right"),
                         ("outside", "back"))
    assert fold.flow_panels()[0].name == "flap"


def test_booklet_and_single_pages():
    booklet = fold_geometry("booklet").sides[0]
    assert (booklet.width, booklet.height) == A5
    single = fold_geometry("single").sides[0]
    assert (single.width, single.height) == A4
    # About 70 characters of 12 pt text at most: the frame is at most ~155 mm wide.
    assert mm(single.panels[0].frame.width) <= 155


def test_right_to_left_trifold_is_the_mirror_image():
    fold = fold_geometry("trifold", right_to_left=True)
    outside, inside = fold.side("outside"), fold.side("inside")
    assert [p.name for p in outside.panels] == ["cover", "back", "flap"]
    assert [mm(p.rect.x) for p in outside.panels] == [0, 100, 200]
    assert [mm(p.rect.width) for p in inside.panels] == [97, 100, 100]
    assert sorted({mm(m.x) for m in outside.fold_marks}) == [100, 200]
    assert sorted({mm(m.x) for m in inside.fold_marks}) == [97, 197]
    # turned over on the short edge: the flap backs the narrow inside-left panel, the
    # cover the inside-right one, which is read first after the flap
    width = outside.width
    assert mm(width - outside.panel("flap").rect.right) == mm(inside.panel("inside-left").rect.x)
    assert mm(width - outside.panel("cover").rect.right) == mm(inside.panel("inside-right").rect.x)
    assert [name for _, name in fold.flow] == ["flap", "inside-right", "inside-middle",
                                               "inside-left", "back"]
    assert fold.right_to_left and not fold_geometry("trifold").right_to_left
