"""Cross-article resolution: mentions of one real event grouped into incidents."""
