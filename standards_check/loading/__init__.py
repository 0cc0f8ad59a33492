"""Load: YAML read safely with positions and limits, policy documents, rubric files, configuration and attestation files."""
