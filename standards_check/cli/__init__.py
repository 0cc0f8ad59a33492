"""The command line: commands, options, progress and exit statuses. The only code that talks to the terminal."""
