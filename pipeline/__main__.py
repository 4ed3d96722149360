import sys

from pagewash.pipeline.cli import main

sys.exit(main())
