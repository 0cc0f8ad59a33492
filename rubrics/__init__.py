"""The built-in rubric definitions (YAML), shipped as package data of the built-in plugins."""
