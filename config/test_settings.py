"""Settings for the test suite: the app's own settings, with what only tests want."""

from config.settings import *  # noqa: F403

# For speed: tests create users by the hundred, and a real hasher costs ~0.2 s each.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
