"""The coder's version, written into every row it codes (raise it when the coding of any article changes)."""

CODER_VERSION = "0.11.0"
