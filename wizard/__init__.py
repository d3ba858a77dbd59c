"""Torch Setup Wizard: why PyTorch won't install or won't see the GPU, and the fix."""

__version__ = "0.1.0"
