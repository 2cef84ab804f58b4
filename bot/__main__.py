"""`python -m bot` is the `hulplijnbot` command."""

from bot.cli import main

raise SystemExit(main())
