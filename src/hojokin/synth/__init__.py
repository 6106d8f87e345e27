"""Synthetic populations of Japanese companies drawn from published SME statistics."""

from hojokin.synth.companies import synth_companies

__all__ = ["synth_companies"]
