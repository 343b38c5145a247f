"""The configuration: ``settings.yaml``, the analyst's overrides, loaded and checked in one place."""
