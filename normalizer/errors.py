"""Errors raised by the normalizer."""


class GrammarError(ValueError):
    """Text that the threshold grammar or the numeral parser cannot read."""
