"""Start the register's window: python main.py [--data-dir DIR] [--demo] [--user NAME]."""

import sys

from ui.app import main

if __name__ == "__main__":
    sys.exit(main(sys.argv))
