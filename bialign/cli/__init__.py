"""Command-line interface: one module per subcommand (``*_cmd.py``), wired in :mod:`.main`."""
