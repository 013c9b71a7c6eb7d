"""Test helpers other apps can use: a fake GOV.UK Notify server, and pytest fixtures for it."""
