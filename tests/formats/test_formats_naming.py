"""Names exports write and imports read back (annotation/formats/naming.py)."""

from annotation.formats.naming import sav_masklet_name, sav_masklet_name_parse, video_export_name


def test_sav_masklet_names_read_back():
    assert sav_masklet_name("manual", "3", 41) == "SA-V manual 3 (41 edited frames)"
    assert sav_masklet_name("auto", "12", 1) == "SA-V auto 12 (1 edited frame)"
    assert sav_masklet_name_parse("SA-V manual 3 (41 edited frames)") == ("manual", "3", 41)
    assert sav_masklet_name_parse(sav_masklet_name("auto", "12", 1)) == ("auto", "12", 1)
    assert sav_masklet_name_parse("object 3") is None
    assert sav_masklet_name_parse("") is None


def test_video_export_names_are_file_name_safe():
    assert video_export_name("bedroom.mp4", 7) == "bedroom"
    assert video_export_name("uploads/my clip (1).MOV", 7) == "my_clip_1"
    assert video_export_name("...", 7) == "video_7"
    assert video_export_name("", 9) == "video_9"
    assert len(video_export_name("x" * 300 + ".mp4", 1)) == 100
