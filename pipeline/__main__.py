import sys

from pagewash.pipeline.cli import console_main

sys.exit(console_main())
