"""The demo's written courses, loaded from ../demo_content/*.yaml."""
