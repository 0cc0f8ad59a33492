"""standards-check: do our written policies respect the people we serve?"""

__version__ = "0.1.0"
