from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    """Hashed, compressed static files; GOV.UK Frontend's ES module imports get hashed names too."""

    support_js_module_import_aggregation = True
