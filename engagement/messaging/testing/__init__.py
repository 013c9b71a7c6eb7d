"""A fake GOV.UK Notify server, for tests (fixtures: engagement/messaging/tests/fixtures.py) and benchmarks."""
