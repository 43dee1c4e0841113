import sys

from ticketcheck.reports import main

sys.exit(main())
