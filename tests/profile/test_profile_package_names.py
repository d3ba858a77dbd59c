"""[packages] in a course profile: only distribution names with a version range reach pip's command line."""

from __future__ import annotations

import pytest

from wizard.profile import ProfileError, parse_profile

HEADER = '[course]\nname = "DL 101"\n\n[packages]\ntorchvision = "*"\n'  # the hostile entry is on line 6


def packages_of(key: str, value: str):
    return parse_profile(HEADER + f"{key} = {value}\n", "course.toml").packages


@pytest.mark.parametrize(
    "key",
    [
        '"-rhttp://evil.example/reqs.txt"', '"-r"', '"-t/some/dir"', '"--target"', '"-fhttp://evil.example/"',
        '"-e"', '"--index-url"', '"./local-package"', '"/abs/path"', '"C:\\\\pkgs\\\\x"', '"../up"',
        '"name @ https://evil.example/x.whl"', '"https://evil.example/x.whl"', '"file:///tmp/x"',
        '"numpy[extra]"', '"numpy[-r x]"', '"numpy; python_version<\'3\'"', '"numpy>=1"', '"num py"', '"numpy\\n-r x"',
        '"git+https://github.com/x/y"', '"-"', '"_underscore_start_is_fine_but_trailing_-"', '""',
    ],
)
def test_a_key_that_is_not_a_package_name_is_refused_with_its_line(key: str) -> None:
    with pytest.raises(ProfileError) as caught:
        packages_of(key, '"*"')
    assert str(caught.value).startswith("course.toml, line 6: ")
    assert "not a package name" in str(caught.value)


@pytest.mark.parametrize(
    "value",
    ['"@ https://evil.example/x.whl"', '"-rhttp://evil.example/r.txt"', '"===-r http://x"', '"===1.0"',
     '">=1; python_version<\'4\'"', '"[extra]>=1"', '">=1 -t /"', '"latest"'],
)
def test_a_value_that_is_not_a_version_range_is_refused_with_its_line(value: str) -> None:
    with pytest.raises(ProfileError, match=r"^course.toml, line 6: .* is not a version range"):
        packages_of("numpy", value)


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [("numpy", '">=1.26"', ("numpy", ">=1.26")), ("Scikit_Learn", '"<2"', ("scikit-learn", "<2")),
     ('"zope.interface"', '"*"', ("zope-interface", "")), ('"opencv-python"', '" ==4.10.* "', ("opencv-python", "==4.10.*"))],
)
def test_names_with_a_range_are_kept_canonical(key: str, value: str, expected: tuple[str, str]) -> None:
    assert packages_of(key, value)[-1] == expected


def test_torch_and_python_ranges_refuse_arbitrary_equality() -> None:
    with pytest.raises(ProfileError, match="line 4: '===2.13.0' is not a version range"):
        parse_profile('[course]\nname = "x"\n[torch]\nversion = "===2.13.0"\n', "course.toml")
