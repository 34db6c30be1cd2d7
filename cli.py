"""Run the `handouts` command from a source checkout: `python cli.py build`.

The command itself lives in `handouts/cli.py`; installing the package gives
`handouts` and `python -m handouts`.
"""

from handouts.cli import main

if __name__ == "__main__":
    main(prog_name="handouts")
