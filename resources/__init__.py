"""Data files shipped with the wizard (installed as the package ``wizard.resources``)."""
