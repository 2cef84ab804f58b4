"""The understanding stage: normalisation, slots, word accounting, intent matching."""
