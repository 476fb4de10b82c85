"""The packaged configuration files: default settings, the default catalogue and the
routing rules. No code lives here: the settings schema is `hotline.settings`."""
