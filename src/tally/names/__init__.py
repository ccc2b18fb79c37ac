"""Russian and transliterated personal names: normalisation, morphology, matching keys."""
