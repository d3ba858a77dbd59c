"""GPU names → compute capability (resources/knowledge/gpus.json "models"): the name a driver, torch or a person gives
resolves to the architecture NVIDIA's tables list for it, a notebook or variant name is not read as the desktop card
whose number it shares, and the names agree with the chips the PCI ID table gives for the same models."""

from __future__ import annotations

import json

import pytest

from wizard.resources_path import resource


@pytest.fixture(scope="module")
def kb(shipped_knowledge):
    return shipped_knowledge


@pytest.mark.parametrize(("name", "family", "capability"), [
    # the owners' old and low-end cards: desktop, notebook, workstation and embedded
    ("GeForce GTX 480", "Fermi", "2.0"),
    ("GeForce GT 630", "Fermi", "2.1"),
    ("GeForce GTX 670M", "Fermi", "2.1"),
    ("NVIDIA GeForce GT 730", "Kepler", "3.5"),
    ("NVIDIA GeForce GT 710", "Kepler", "3.5"),
    ("GeForce GTX 880M", "Kepler", "3.0"),
    ("Quadro K4000", "Kepler", "3.0"),
    ("Tesla K20Xm", "Kepler", "3.5"),
    ("GeForce GTX TITAN Black", "Kepler", "3.5"),
    ("NVIDIA GeForce GTX 960M", "Maxwell", "5.0"),
    ("NVIDIA GeForce 940MX", "Maxwell", "5.0"),
    ("NVIDIA GeForce MX130", "Maxwell", "5.0"),
    ("Quadro K620", "Maxwell", "5.0"),
    ("Quadro M2000", "Maxwell", "5.2"),
    ("NVIDIA Tegra X1", "Maxwell", "5.3"),
    ("NVIDIA GeForce GT 1030", "Pascal", "6.1"),
    ("NVIDIA GeForce MX150", "Pascal", "6.1"),
    ("NVIDIA GeForce MX350", "Pascal", "6.1"),
    ("Quadro P1000", "Pascal", "6.1"),
    ("NVIDIA GeForce GTX 1060 with Max-Q Design", "Pascal", "6.1"),
    ("Jetson TX2", "Pascal", "6.2"),
    ("Xavier", "Volta", "7.2"),
    ("NVIDIA GeForce GTX 1650 Ti", "Turing", "7.5"),
    ("NVIDIA GeForce MX450", "Turing", "7.5"),
    ("Quadro T2000", "Turing", "7.5"),
    ("NVIDIA GeForce RTX 2050", "Ampere", "8.6"),
    ("NVIDIA GeForce MX570", "Ampere", "8.6"),
    ("NVIDIA GeForce RTX 3050 Ti Laptop GPU", "Ampere", "8.6"),
    ("NVIDIA RTX A500 Laptop GPU", "Ampere", "8.6"),
    ("Orin", "Ampere", "8.7"),
    ("NVIDIA GeForce RTX 4060 Laptop GPU", "Ada Lovelace", "8.9"),
    ("NVIDIA RTX 500 Ada Generation Laptop GPU", "Ada Lovelace", "8.9"),
])
def test_a_name_resolves_to_the_architecture_nvidia_lists(kb, name, family, capability):
    model = kb.gpu_model(name)
    assert (model.family, model.capability) == (family, capability)
    assert kb.family_for_capability(capability).name == family


@pytest.mark.parametrize(("general", "specific"), [
    ("GeForce GTX 960", "GeForce GTX 960M"),  # Maxwell 5.2 desktop, 5.0 notebook
    ("GeForce GTX 670", "GeForce GTX 670M"),  # Kepler desktop, Fermi notebook
    ("GeForce GTX 670M", "GeForce GTX 670MX"),  # and the MX is Kepler again
    ("GeForce GTX 780", "GeForce GTX 780M"),
    ("GeForce GT 730", "GeForce GT 730M"),
    ("GeForce 920MX", "GeForce 920M"),  # Maxwell, Kepler
    ("Quadro K4000", "Quadro K2200"),  # a "K" Quadro that is Maxwell
    ("Quadro K2000", "Tesla K20"),
    ("GeForce GTX TITAN X", "NVIDIA TITAN X (Pascal)"),
    ("NVIDIA GeForce RTX 3050 Laptop GPU", "NVIDIA GeForce RTX 3050 A Laptop GPU"),  # an Ada chip
])
def test_a_specific_name_is_not_read_as_the_general_one_it_contains(kb, general, specific):
    assert kb.gpu_model(general).capability != kb.gpu_model(specific).capability


def test_a_name_sold_on_chips_builds_tell_apart_resolves_to_nothing_rather_than_a_guess(kb):
    # The GTX 860M was both a Kepler (3.0: no PyTorch build) and a Maxwell (5.0: the cu126 builds) chip.
    assert kb.gpu_model("NVIDIA GeForce GTX 860M") is None


# Models sold under one name on chips of two generations: the PCI table names the chip of one device id, the name
# table follows NVIDIA's list for the name. Every pair of them is too old for any PyTorch build either way, or (the
# GK107 GT 1030, the GK106 GTX 750 Ti) a rare OEM board.
SOLD_ON_TWO_CHIPS = {
    ("NVIDIA GeForce 710M", "GK208M"), ("NVIDIA GeForce 810M", "GK107M"), ("NVIDIA GeForce 820M", "GK107M"),
    ("NVIDIA GeForce GT 630 OEM", "GK107"), ("NVIDIA GeForce GT 630 Rev. 2", "GK208"),
    ("NVIDIA GeForce GT 720M", "GK208M"), ("NVIDIA GeForce GT 1030", "GK107"), ("NVIDIA GeForce GTX 750 Ti", "GK106"),
}


def test_names_agree_with_the_chips_of_the_pci_table(kb):
    devices = json.loads(resource("gpu", "nvidia-pci-ids.json").read_text(encoding="utf-8"))["devices"].values()
    resolved, disagreeing = 0, []
    for device in devices:
        model = kb.gpu_model(device["name"])
        if model is None:
            continue
        resolved += 1
        chip_family = kb.family_for_capability(device["compute_capability"]).name
        if model.family != chip_family and (device["name"], device["chip"]) not in SOLD_ON_TWO_CHIPS:
            disagreeing.append((device["name"], device["chip"], model.pattern))
    assert not disagreeing
    assert resolved >= 0.9 * len(devices)  # the names a PCI-only machine shows mostly resolve too
