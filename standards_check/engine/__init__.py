"""Evaluate: the plugin host, the rubrics collected from plugins, criteria decided from the text, a run over many files."""
