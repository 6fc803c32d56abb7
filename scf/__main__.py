"""``python -m scf --help``"""

import sys

from scf.cli import main

sys.exit(main())
