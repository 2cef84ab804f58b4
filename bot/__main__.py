"""`python -m bot` is the `hulplijnbot` command."""

from bot.edges.cli import main

raise SystemExit(main())
